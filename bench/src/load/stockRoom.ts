import { codeTextKey } from '@interview-room/protocol';
import type { LoadRoom } from './loadRoom.ts';
import { waitUntil } from './loadRoom.ts';
import type { StockRoom, Workload } from './messages.ts';
import type { Recorder } from './recorder.ts';
import { Typist } from './typist.ts';
import { LeanYjsClient } from './yjsClient.ts';

const wsUrl = (base: string, docName: string) => `${base.replace(/^http/, 'ws')}/${docName}`;

/** The same Yjs edit workload on the stock y-websocket server: one document, two editors. */
export class StockLoadRoom implements LoadRoom {
  private readonly interviewer: LeanYjsClient;
  private readonly candidate: LeanYjsClient;
  private readonly typists: [Typist, Typist];
  private readonly textKey: string;

  constructor(
    private readonly spec: StockRoom,
    workload: Workload,
    recorder: Recorder,
  ) {
    this.textKey = codeTextKey(spec.questionId);
    const onClose = (who: string) => (code: number, reason: string) =>
      recorder.error('disconnects', `stock ${who} yjs closed ${code} ${reason}`);
    this.interviewer = new LeanYjsClient(wsUrl(spec.interviewerUrl, spec.docName), {
      onApplied: () => this.typists[1].arrivedAt(this.interviewer.doc, recorder),
      onUnexpectedClose: onClose('interviewer'),
    });
    this.candidate = new LeanYjsClient(wsUrl(spec.candidateUrl, spec.docName), {
      onApplied: () => this.typists[0].arrivedAt(this.candidate.doc, recorder),
      onUnexpectedClose: onClose('candidate'),
    });
    const interval = 1000 / workload.charsPerSecond;
    this.typists = [
      new Typist(this.interviewer, this.textKey, 'start', interval, workload.cursors),
      new Typist(this.candidate, this.textKey, 'end', interval, workload.cursors),
    ];
  }

  async connect(): Promise<void> {
    await Promise.all([this.interviewer.open(), this.candidate.open()]);
    this.interviewer.doc.getText(this.textKey).insert(0, this.spec.starterCode);
    const length = this.spec.starterCode.length;
    await waitUntil(
      () => this.candidate.doc.getText(this.textKey).length >= length,
      'the starter code to reach the candidate',
    );
    const now = performance.now();
    for (const typist of this.typists) typist.schedule(now);
  }

  tick(now: number, recorder: Recorder): void {
    for (const typist of this.typists) if (now >= typist.nextAt) typist.type(now, recorder);
  }

  inFlight(): number {
    return this.typists[0].inFlight + this.typists[1].inFlight;
  }

  finish(recorder: Recorder): void {
    recorder.counts.keystrokesLost += this.inFlight();
  }

  close(): void {
    this.interviewer.close();
    this.candidate.close();
    this.interviewer.doc.destroy();
    this.candidate.doc.destroy();
  }
}
