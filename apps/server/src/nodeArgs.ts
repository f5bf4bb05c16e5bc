/**
 * How `node` runs the server everywhere it runs: `npm start` (the `start` script), the Docker
 * image, the tests' server processes and the bench. The `start` script and the Dockerfile spell
 * these out; a test checks that they match.
 */

/**
 * A young generation of 64 MB per semi-space (V8's default is 16). Under load, what a keystroke or
 * a room command allocates lives a second or two (buffers and frames until the next message, room
 * states until the next command); with 16 MB the young generation fills every ~0.15 s at 1,000
 * rooms, so what lived that long was copied twice and promoted, and the old generation's
 * mark-compacts came every two seconds. With 64 MB it dies young: at 1,000 rooms a sixth of the
 * promotion, a fifth less CPU and about half the keystroke p99 (bench finding 13). V8 shrinks the
 * young generation again once the server idles.
 */
export const SERVER_V8_FLAGS = ['--max-semi-space-size=64'];

/** Relative to apps/server. */
export const SERVER_LOADER = './loader/register.mjs';
export const SERVER_ENTRY = 'src/main.ts';

export const SERVER_NODE_ARGS = [...SERVER_V8_FLAGS, '--import', SERVER_LOADER, SERVER_ENTRY];
