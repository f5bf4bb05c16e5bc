import type { LoadGenerator } from '../load/generator.ts';
import type { Workload } from '../load/messages.ts';
import { benchQuestions, createRooms } from '../rooms.ts';
import type { Topology } from '../servers/topology.ts';

/** Background rooms typing (not measured) while a probe measures something else. */
export async function connectBackground(
  generator: LoadGenerator,
  topology: Topology,
  rooms: number,
  workload: Workload,
): Promise<void> {
  const [first, second] = benchQuestions();
  const created = await createRooms(topology.interviewerUrl, rooms);
  const connected = await generator.connect(
    created.map((room) => ({
      kind: 'ours' as const,
      roomId: room.id,
      interviewerUrl: topology.interviewerUrl,
      candidateUrl: topology.candidateUrl,
      interviewerToken: room.interviewer.token,
      candidateToken: room.candidate.token,
      questionIds: [first.id, second.id] as [string, string],
    })),
    workload,
  );
  if (connected.failed > 0)
    throw new Error(`background rooms failed to connect: ${connected.errorSamples.join('; ')}`);
  generator.start();
}
