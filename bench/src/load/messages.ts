/** The rooms and workload the orchestrator hands to a load worker, and what it reports back. */

export interface OurRoom {
  kind: 'ours';
  roomId: string;
  /** Server base URLs: with two instances the interviewer and the candidate use different ones. */
  interviewerUrl: string;
  candidateUrl: string;
  interviewerToken: string;
  candidateToken: string;
  /** The first two questions of the plan (both have starter code): pushes alternate between them. */
  questionIds: [string, string];
}

export interface StockRoom {
  kind: 'stock';
  /** The document name (the stock server uses the URL path). */
  docName: string;
  interviewerUrl: string;
  candidateUrl: string;
  /** Inserted by the interviewer, as our server seeds it on the first question push. */
  starterCode: string;
  questionId: string;
}

export type RoomSpec = OurRoom | StockRoom;

export interface Workload {
  /** Keystrokes per second of each client (interviewer and candidate). */
  charsPerSecond: number;
  /** Each keystroke also sends the cursor (awareness), as y-monaco does. */
  cursors: boolean;
  /** Mean interval between question pushes of each room (ours only). */
  pushEveryMs: number;
  /** Mean interval between note saves of each interviewer (ours only). */
  notesEveryMs: number;
  /** Rooms connecting at once per worker. */
  connectConcurrency: number;
}

export type ToWorker =
  | { type: 'connect'; rooms: RoomSpec[]; workload: Workload }
  /** Start typing, pushing and writing notes; samples are recorded only once `measure` arrives. */
  | { type: 'start' }
  | { type: 'measure' }
  /** Stop the activity, wait for what is in flight, then report. */
  | { type: 'stop'; drainMs: number }
  | { type: 'close' };

export interface Counts {
  keystrokesSent: number;
  keystrokesReceived: number;
  /** Sent while measuring and never seen by the other client by the end of the drain. */
  keystrokesLost: number;
  pushesSent: number;
  pushesReceived: number;
  pushesLost: number;
  notesSent: number;
  notesAcked: number;
}

/** Every count at zero: what a worker starts from, and what the scenario sums the workers' into. */
export const emptyCounts = (): Counts => ({
  keystrokesSent: 0,
  keystrokesReceived: 0,
  keystrokesLost: 0,
  pushesSent: 0,
  pushesReceived: 0,
  pushesLost: 0,
  notesSent: 0,
  notesAcked: 0,
});

export interface ErrorCounts {
  /** Rooms that failed to connect or set up. */
  connect: number;
  /** Connections closed by the server (or dropped) while the bench wanted them open. */
  disconnects: number;
  /** Acks that were not ok, or did not come. */
  acks: number;
}

export interface WorkerReport {
  keystrokeMs: Float64Array;
  pushMs: Float64Array;
  notesAckMs: Float64Array;
  counts: Counts;
  errors: ErrorCounts;
  /** The first few error messages, to say what went wrong. */
  errorSamples: string[];
  /** The worker's own event-loop delay while measuring: high means the generator was the bottleneck. */
  lag: { p50Ms: number; p99Ms: number; maxMs: number };
}

export type FromWorker =
  | { type: 'connected'; rooms: number; failed: number; errorSamples: string[] }
  | { type: 'report'; report: WorkerReport }
  | { type: 'closed' }
  | { type: 'fatal'; message: string };
