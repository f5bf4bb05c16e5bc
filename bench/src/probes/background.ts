import type { LoadGenerator } from '../load/generator.ts';
import type { Workload } from '../load/messages.ts';
import { roomSpecs } from '../rooms.ts';
import type { Topology } from '../servers/topology.ts';

/** Background rooms typing (not measured) while a probe measures something else. */
export async function connectBackground(
  generator: LoadGenerator,
  topology: Topology,
  rooms: number,
  workload: Workload,
): Promise<void> {
  const connected = await generator.connect(await roomSpecs(topology, rooms), workload);
  if (connected.failed > 0)
    throw new Error(`background rooms failed to connect: ${connected.errorSamples.join('; ')}`);
  generator.start();
}
