// Lets jest import .sql and .html files as strings, the way esbuild's text loader does.
module.exports = {
  process(source) {
    return { code: `module.exports = { __esModule: true, default: ${JSON.stringify(source)} };` };
  },
};
