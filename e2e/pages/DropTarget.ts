// Drops files on the app window the way a person's drag from the file manager does: a real
// DataTransfer carrying File objects, built in the page, with dragenter, dragover and drop.

import { expect, type Page } from '@playwright/test';

export interface DroppedFile {
  name: string;
  content: string;
  /** File.lastModified, ms since the epoch. */
  lastModified?: number;
}

export class DropTarget {
  constructor(private readonly page: Page) {}

  async drop(files: DroppedFile[]): Promise<void> {
    await this.page.evaluate(async (list) => {
      const data = new DataTransfer();
      for (const f of list) {
        data.items.add(new File([f.content], f.name, { type: 'text/plain', lastModified: f.lastModified }));
      }
      const fire = (type: string) =>
        document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
      fire('dragenter');
      fire('dragover');
      await new Promise((resolve) => requestAnimationFrame(resolve));
      fire('drop');
    }, files);
    await expect(this.page.getByTestId('drop-overlay')).toBeHidden();
  }

  /** Starts dragging a file over the window (the overlay shows) or leaves again. */
  async drag(type: 'dragenter' | 'dragleave'): Promise<void> {
    await this.page.evaluate((eventType) => {
      const data = new DataTransfer();
      data.items.add(new File(['x'], 'x.txt'));
      document.body.dispatchEvent(new DragEvent(eventType, { bubbles: true, cancelable: true, dataTransfer: data }));
    }, type);
  }
}
