// Rows without the Reading queue's fields (set by schema version 5's upgrade), for tests that
// check an upgrade kept every other field intact.

import type { Paper } from '../../shared/model';

export function withoutQueueFields(paper: Paper): Paper {
  const rest = { ...paper };
  delete rest.queueRank;
  delete rest.queuedAt;
  return rest;
}
