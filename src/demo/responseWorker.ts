import { parentPort, workerData } from 'node:worker_threads';
import { copyTextLine } from '../db/copyText.ts';
import { COMMENT_COLUMNS, type DemoPlan, demoResponses, RESPONSE_COLUMNS } from './responseGenerator.ts';
import { SeededRandom } from './seededRandom.ts';

/** One message from the worker: `count` responses (and their comments) as COPY text, or the end. */
export type WorkerBatch =
  | { done: false; count: number; responses: string; comments: string }
  | { done: true; count: 0; responses: ''; comments: '' };

// Runs only as a worker (see loadDemo.ts): generates the demo responses as COPY text in batches and
// sends at most `credits` batches ahead of what the main thread has taken.
if (parentPort) {
  const port = parentPort;
  const { plan, randomState, batch, credits } = workerData as {
    plan: DemoPlan;
    randomState: ReturnType<SeededRandom['snapshot']>;
    batch: number;
    credits: number;
  };
  const rows = demoResponses(plan, SeededRandom.restore(randomState));
  let available = credits;
  let finished = false;
  const pump = () => {
    while (available > 0 && !finished) {
      let responses = '';
      let comments = '';
      let count = 0;
      for (; count < batch; count++) {
        const next = rows.next();
        if (next.done) break;
        responses += copyTextLine(RESPONSE_COLUMNS, next.value.response);
        if (next.value.comment) comments += copyTextLine(COMMENT_COLUMNS, next.value.comment);
      }
      available--;
      if (count > 0) port.postMessage({ done: false, count, responses, comments } satisfies WorkerBatch);
      if (count < batch) {
        finished = true;
        port.postMessage({ done: true, count: 0, responses: '', comments: '' } satisfies WorkerBatch);
      }
    }
  };
  port.on('message', () => {
    available++;
    pump();
  });
  pump();
}
