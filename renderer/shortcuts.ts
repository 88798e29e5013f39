// Every keyboard shortcut, for the ? dialog and aria-keyshortcuts.

export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['j', '↓'], action: 'Next paper' },
  { keys: ['k', '↑'], action: 'Previous paper' },
  { keys: ['Shift+j', 'Shift+↓'], action: 'Extend the selection down (Shift+k / Shift+↑ up)' },
  { keys: ['Enter'], action: 'Open the paper (move to the detail pane)' },
  { keys: ['s'], action: 'Star or unstar' },
  { keys: ['r'], action: 'Cycle status: unread → reading → read' },
  { keys: ['t'], action: 'Add a tag' },
  { keys: ['x'], action: 'Dismiss: out of the Inbox for good, still searchable (Restore in the detail pane)' },
  { keys: ['m', 'Shift+T'], action: 'Reading queue: move the paper to the top' },
  { keys: ['Alt+↑', 'Alt+↓'], action: 'Reading queue: move the paper up or down' },
  { keys: ['g t', 'Ctrl+T'], action: 'Triage the newest digest with untriaged papers' },
  {
    keys: ['s', 'r', 'x', 'Space'],
    action: 'In triage: star and keep, keep for later, dismiss, leave undecided (→ too)',
  },
  { keys: ['u', 'Ctrl+Z'], action: 'In triage: undo the last decision (repeat for more)' },
  { keys: ['n'], action: 'In triage: write a note (Esc leaves the note)' },
  { keys: ['n'], action: 'Edit the note' },
  { keys: ['/', 'Ctrl+F'], action: 'Search' },
  { keys: ['Ctrl+A'], action: 'Select every paper in the list' },
  { keys: ['Delete'], action: 'Delete the selected papers (undo in the toast)' },
  { keys: ['Esc'], action: 'Go back: leave a field, the detail pane, the selection, the search' },
  { keys: ['Ctrl+O'], action: 'Import a digest' },
  { keys: ['Ctrl+E'], action: 'Export: the list, the selection, Starred, Read, a tag or a digest, in any format' },
  { keys: ['?'], action: 'Show this list' },
];
