import { randomBytes } from 'node:crypto';
import {
  type ClientToServerEvents,
  codeTextKey,
  type PublicRoomView,
  type ServerToClientEvents,
} from '@interview-room/protocol';
import { io, type Socket } from 'socket.io-client';
import type { LoadRoom } from './loadRoom.ts';
import { waitUntil } from './loadRoom.ts';
import type { OurRoom, Workload } from './messages.ts';
import type { Recorder } from './recorder.ts';
import { Typist } from './typist.ts';
import { LeanYjsClient } from './yjsClient.ts';

type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

const ACK_TIMEOUT_MS = 10_000;
/** Notes are the whole text on every save; a long interview's notes are a few KB. */
const NOTES_MAX_CHARS = 4_000;
const NOTE_SENTENCE = 'Explained the approach clearly; considered the edge cases. ';

const opId = () => randomBytes(9).toString('base64url');
const jitter = (meanMs: number) => meanMs * (0.5 + Math.random());

/**
 * A room on our server: an interviewer and a candidate, each with a Socket.io connection and a Yjs
 * editor (with two instances, the interviewer on one and the candidate on the other). Both type;
 * the interviewer also pushes questions and saves notes.
 */
export class OurLoadRoom implements LoadRoom {
  private readonly interviewerSocket: ClientSocket;
  private readonly candidateSocket: ClientSocket;
  private readonly interviewer: LeanYjsClient;
  private readonly candidate: LeanYjsClient;
  private readonly typists: [Typist, Typist];
  private readonly textKey: string;
  private closing = false;
  private nextPushAt = Number.POSITIVE_INFINITY;
  private nextNotesAt = Number.POSITIVE_INFINITY;
  /** The question index the candidate should see next, and when the push was sent. */
  private push: { index: number; sentAt: number; measured: boolean } | null = null;
  private currentIndex = 0;
  private notes = '';

  constructor(
    private readonly spec: OurRoom,
    private readonly workload: Workload,
    private readonly recorder: Recorder,
  ) {
    this.textKey = codeTextKey(spec.questionIds[0]);
    this.interviewerSocket = this.socket(spec.interviewerUrl, spec.interviewerToken, 'interviewer');
    this.candidateSocket = this.socket(spec.candidateUrl, spec.candidateToken, 'candidate');
    this.candidateSocket.on('room:state', (view) => this.onCandidateView(view));
    const onClose = (who: string) => (code: number, reason: string) =>
      recorder.error('disconnects', `${who} yjs closed ${code} ${reason}`);
    this.interviewer = new LeanYjsClient(this.yjsUrl(spec.interviewerUrl, spec.interviewerToken), {
      onApplied: () => this.typists[1].arrivedAt(this.interviewer.doc, recorder),
      onUnexpectedClose: onClose('interviewer'),
    });
    this.candidate = new LeanYjsClient(this.yjsUrl(spec.candidateUrl, spec.candidateToken), {
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
    await Promise.all([
      this.ready(this.interviewerSocket),
      this.ready(this.candidateSocket),
      this.interviewer.open(),
      this.candidate.open(),
    ]);
    // The first push starts the interview and seeds the question's starter code into the doc.
    const ack = await this.interviewerSocket.timeout(ACK_TIMEOUT_MS).emitWithAck('question:next', {});
    if (!ack.ok) throw new Error(`question:next refused: ${ack.error.code}`);
    await waitUntil(
      () =>
        this.interviewer.doc.getText(this.textKey).length > 0 &&
        this.candidate.doc.getText(this.textKey).length > 0,
      'the starter code to reach both editors',
    );
    const now = performance.now();
    for (const typist of this.typists) typist.schedule(now);
    this.nextPushAt = now + jitter(this.workload.pushEveryMs);
    this.nextNotesAt = now + jitter(this.workload.notesEveryMs);
  }

  tick(now: number, recorder: Recorder): void {
    for (const typist of this.typists) if (now >= typist.nextAt) typist.type(now, recorder);
    if (now >= this.nextPushAt) this.pushQuestion(now, recorder);
    if (now >= this.nextNotesAt) this.saveNotes(now, recorder);
  }

  inFlight(): number {
    return this.typists[0].inFlight + this.typists[1].inFlight + (this.push?.measured ? 1 : 0);
  }

  finish(recorder: Recorder): void {
    recorder.counts.keystrokesLost += this.typists[0].inFlight + this.typists[1].inFlight;
    if (this.push?.measured) recorder.counts.pushesLost++;
    this.push = null;
    this.nextPushAt = Number.POSITIVE_INFINITY;
    this.nextNotesAt = Number.POSITIVE_INFINITY;
  }

  close(): void {
    this.closing = true;
    this.interviewerSocket.disconnect();
    this.candidateSocket.disconnect();
    this.interviewer.close();
    this.candidate.close();
    this.interviewer.doc.destroy();
    this.candidate.doc.destroy();
  }

  private pushQuestion(now: number, recorder: Recorder): void {
    this.nextPushAt = now + jitter(this.workload.pushEveryMs);
    // One push at a time, as a person clicks: the next waits for the candidate to see this one.
    if (this.push) return;
    const index = this.currentIndex === 0 ? 1 : 0;
    const measured = recorder.measuring;
    this.push = { index, sentAt: performance.now(), measured };
    if (measured) recorder.counts.pushesSent++;
    this.interviewerSocket.timeout(ACK_TIMEOUT_MS).emit('question:goto', { index }, (error, ack) => {
      if (error) recorder.error('acks', `question:goto: ${error.message}`);
      else if (!ack.ok) recorder.error('acks', `question:goto refused: ${ack.error.code}`);
    });
  }

  private onCandidateView(view: PublicRoomView): void {
    this.currentIndex = view.currentIndex;
    const push = this.push;
    if (!push || view.currentIndex !== push.index) return;
    this.push = null;
    if (push.measured) {
      this.recorder.pushMs.push(performance.now() - push.sentAt);
      this.recorder.counts.pushesReceived++;
    }
  }

  private saveNotes(now: number, recorder: Recorder): void {
    this.nextNotesAt = now + jitter(this.workload.notesEveryMs);
    this.notes = (this.notes + NOTE_SENTENCE).slice(-NOTES_MAX_CHARS);
    const measured = recorder.measuring;
    const sentAt = performance.now();
    if (measured) recorder.counts.notesSent++;
    this.interviewerSocket
      .timeout(ACK_TIMEOUT_MS)
      .emit(
        'notes:save',
        { questionId: this.spec.questionIds[0], notes: this.notes, opId: opId() },
        (error, ack) => {
          if (error) recorder.error('acks', `notes:save: ${error.message}`);
          else if (!ack.ok) recorder.error('acks', `notes:save refused: ${ack.error.code}`);
          else if (measured) {
            recorder.notesAckMs.push(performance.now() - sentAt);
            recorder.counts.notesAcked++;
          }
        },
      );
  }

  private socket(url: string, token: string, who: string): ClientSocket {
    const socket: ClientSocket = io(url, {
      auth: { roomId: this.spec.roomId, token },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 30_000,
    });
    socket.on('disconnect', (reason) => {
      if (!this.closing) this.recorder.error('disconnects', `${who} socket.io: ${reason}`);
    });
    return socket;
  }

  private ready(socket: ClientSocket): Promise<void> {
    return new Promise((resolve, reject) => {
      socket.once('session:ready', () => resolve());
      socket.once('connect_error', (error) => reject(new Error(`socket.io: ${error.message}`)));
    });
  }

  private yjsUrl(base: string, token: string): string {
    return `${base.replace(/^http/, 'ws')}/yjs/${this.spec.roomId}?token=${token}`;
  }
}
