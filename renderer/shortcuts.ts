// Every keyboard shortcut, for the ? dialog and aria-keyshortcuts.

export const SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ['j', '↓'], action: 'Next paper' },
  { keys: ['k', '↑'], action: 'Previous paper' },
  { keys: ['Shift+j', 'Shift+↓'], action: 'Extend the selection down (Shift+k / Shift+↑ up)' },
  { keys: ['Enter'], action: 'Open the paper (move to the detail pane)' },
  { keys: ['s'], action: 'Star or unstar' },
  { keys: ['r'], action: 'Cycle status: unread → reading → read' },
  { keys: ['t'], action: 'Add a tag' },
  { keys: ['n'], action: 'Edit the note' },
  { keys: ['/', 'Ctrl+F'], action: 'Search' },
  { keys: ['Ctrl+A'], action: 'Select every paper in the list' },
  { keys: ['Delete'], action: 'Delete the selected papers (undo in the toast)' },
  { keys: ['Esc'], action: 'Go back: leave a field, the detail pane, the selection, the search' },
  { keys: ['Ctrl+O'], action: 'Import a digest' },
  { keys: ['?'], action: 'Show this list' },
];
