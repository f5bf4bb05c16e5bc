export * from './awareness.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './http.ts';
export * from './ids.ts';
export * from './questions.ts';
export * from './room.ts';
export * from './run.ts';
