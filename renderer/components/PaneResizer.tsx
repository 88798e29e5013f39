import { useRef } from 'react';

/** A vertical splitter: drag with the pointer, or focus it and use ←/→ (Shift for bigger steps). */
export function PaneResizer(props: {
  label: string;
  width: number;
  min: number;
  max: number;
  onResize(width: number): void;
  testId?: string;
}) {
  const drag = useRef<{ x: number; width: number } | null>(null);
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={props.width}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      tabIndex={0}
      className="pane-resizer"
      data-testid={props.testId}
      onPointerDown={(event) => {
        event.preventDefault();
        event.currentTarget.setPointerCapture(event.pointerId);
        drag.current = { x: event.clientX, width: props.width };
      }}
      onPointerMove={(event) => {
        if (drag.current) props.onResize(drag.current.width + event.clientX - drag.current.x);
      }}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onKeyDown={(event) => {
        const step = event.shiftKey ? 48 : 12;
        if (event.key === 'ArrowLeft') props.onResize(props.width - step);
        else if (event.key === 'ArrowRight') props.onResize(props.width + step);
        else return;
        event.preventDefault();
        event.stopPropagation();
      }}
    />
  );
}
