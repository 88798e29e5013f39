import { useId, useMemo, useState } from 'react';
import { tagTargets, untag } from '../actions';
import { normalizeTag } from '../db/paperRepository';
import { useTagCounts } from '../db/queries';

/** A paper's tags as removable chips, and a combobox that suggests tags already in use. */
export function TagEditor({ paperId, tags }: { paperId: string; tags: string[] }) {
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  /** Enter takes the highlighted suggestion only after the person moved into the list. */
  const [navigated, setNavigated] = useState(false);
  const known = useTagCounts();
  const listId = useId();
  const typed = normalizeTag(text) ?? '';
  const suggestions = useMemo(
    () =>
      (known ?? [])
        .filter((t) => !tags.includes(t.tag) && (typed === '' || t.tag.includes(typed)))
        .sort((a, b) => Number(b.tag.startsWith(typed)) - Number(a.tag.startsWith(typed)) || b.count - a.count)
        .slice(0, 8),
    [known, tags, typed],
  );
  const showList = open && suggestions.length > 0;

  const commit = (value: string) => {
    const tag = normalizeTag(value);
    if (!tag) return;
    void tagTargets(tag, [paperId]);
    setText('');
    setActive(0);
  };

  return (
    <div className="tags">
      <ul className="tag-list" aria-label="Tags" data-testid="paper-tags">
        {tags.map((tag) => (
          <li key={tag} className="tag-chip">
            #{tag}
            <button
              type="button"
              className="tag-remove"
              aria-label={`Remove tag ${tag}`}
              onClick={() => void untag(paperId, tag)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <div className="tag-combo">
        <input
          id="tag-input"
          className="tag-input"
          type="text"
          role="combobox"
          aria-label="Add a tag"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && navigated ? `${listId}-${active}` : undefined}
          placeholder="Add tag…"
          autoComplete="off"
          value={text}
          data-testid="tag-input"
          onChange={(event) => {
            setText(event.target.value);
            setActive(0);
            setNavigated(false);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' && showList) {
              event.preventDefault();
              setActive((i) => (navigated ? (i + 1) % suggestions.length : 0));
              setNavigated(true);
            } else if (event.key === 'ArrowUp' && showList) {
              event.preventDefault();
              setActive((i) => (i - 1 + suggestions.length) % suggestions.length);
              setNavigated(true);
            } else if (event.key === 'Enter') {
              event.preventDefault();
              commit(showList && navigated ? suggestions[active]!.tag : text);
              setNavigated(false);
            } else if (event.key === 'Tab' && showList && text) {
              event.preventDefault();
              setText(suggestions[active]!.tag);
            }
          }}
        />
        {showList && (
          <ul
            id={listId}
            role="listbox"
            className="tag-suggestions"
            aria-label="Suggested tags"
            data-testid="tag-suggestions"
          >
            {suggestions.map((s, i) => (
              <li
                key={s.tag}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={navigated && i === active}
                className={navigated && i === active ? 'active' : undefined}
                onMouseDown={(event) => {
                  event.preventDefault(); // keep focus in the input
                  commit(s.tag);
                }}
              >
                #{s.tag} <span className="tag-count">{s.count}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
