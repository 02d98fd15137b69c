// Runs the quickstart's Express receiver (server.mjs) for ExpressQuickstartReceiverTest.
//
// server.mjs is the quickstart's code, unchanged: it listens on PORT, 3000 by default. A fixed
// port is fragile on a shared machine (another build, another test or a developer's own receiver
// may already hold it, and then the test fails for reasons that have nothing to do with
// signatures). So instead of editing server.mjs, this launcher replaces Express's app.listen
// before server.mjs creates its app: the receiver then listens on 127.0.0.1 only, on a free port
// that the OS picks, and this file prints that port for the test to read. Route, body parsing,
// verification, logging and replies all stay exactly the quickstart's.
//
// Note: server.mjs still prints its own "Webhook receiver running on :<PORT>"; the port in that
// line is the one it asked for, not the one it got. Read the line below instead.
//
// Usage: SMARTCOMPLY_WEBHOOK_SECRET=whsec_... node launch.mjs
import express from "express";

const quickstartListen = express.application.listen;

// express() copies the application prototype's methods onto each new app, so replacing the
// method here, before server.mjs runs, is what server.mjs's app.listen(port, ...) will call.
express.application.listen = function listenOnLoopbackFreePort(_requestedPort, ...rest) {
  const server = quickstartListen.call(this, 0, "127.0.0.1", ...rest);
  server.once("listening", () => {
    console.log(`express-receiver listening on 127.0.0.1:${server.address().port}`);
  });
  return server;
};

await import("./server.mjs");
