// Worker bootstrap: lets the TypeScript worker load under Jest (whose transform does not reach
// worker threads), tsx and plain Node alike.
require('tsx/cjs/api').register();
require('./worker.ts');
