// What bench/run.mjs needs from the TypeScript sources; bundled by run.mjs into bench/.out/.
export { Workspace } from '../server/src/engine/workspace';
export { nodeHost } from '../server/src/node-host';
export { DIALECTS } from '../server/src/dialects/index';
export { LspClient, fileUri } from '../test/support/lsp-client';
export { collectYoungGeneration } from '../server/src/idle-gc';
export { ANALYSIS_V8_FLAGS, tuneGcForAnalysis } from '../server/src/gc-tuning';
export { SERVER_START_FLAGS } from '../server/src/start-flags';
