// The triage decision worker: each decision's read-write transaction, on its own connection
// (renderer/triage/decisionProtocol). Dexie tells the page's live queries about its writes
// (BroadcastChannel); the page updates its counts from the answer.

import { ShelfmarkDb } from '../db/ShelfmarkDb';
import { createDecisionHandler, type DecisionResponse } from './decisionProtocol';

const db = new ShelfmarkDb();
// open at once: the first decision does not wait for the connection
void db.open().catch(() => undefined);

const handle = createDecisionHandler(db, (response: DecisionResponse) => self.postMessage(response));
self.addEventListener('message', (event: MessageEvent<unknown>) => handle(event.data));
