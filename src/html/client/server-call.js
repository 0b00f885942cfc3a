// google.script.run as a Promise, written once and included in every HTML file at build time
// (tools/build.mjs): serverCall('saveOverrides', page, overrides).then(...). The names it may
// call are the server functions of src/gas/server-functions.ts (a test holds the HTML to them).
(function () {
  'use strict';
  window.serverCall = function serverCall(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    return new Promise(function (resolve, reject) {
      var runner = google.script.run.withSuccessHandler(resolve).withFailureHandler(reject);
      runner[name].apply(runner, args);
    });
  };
})();
