// The public API of the `tgtext` npm package, made from the raw wasm-bindgen exports.
//
// This file is shared by the Node (CommonJS) and browser (ES module) builds: scripts/build-wasm.sh
// appends `module.exports = { makeApi };` or `export { makeApi };` to a copy of it, so it holds
// no import or export of its own. It adds no rule of counting — that is all in the Rust core —
// only two things the Rust side cannot do:
//
// - Argument types: a non-string input would be coerced by the generated glue; refuse it.
// - Traps: the wasm is built with panic = "abort" (stable Rust cannot unwind on wasm32), so a
//   panic or an out-of-memory abort reaches JS as a WebAssembly.RuntimeError (a stack overflow
//   as a RangeError) and leaves the instance unusable. The panic hook in wasm/src/bindings.rs has
//   recorded the panic's message; read it, replace the instance with a fresh one (wasm-bindgen's
//   --experimental-reset-state-function) and throw an ordinary Error. The next call works.

function makeApi(raw, fs) {
  function trapped(err) {
    return err instanceof WebAssembly.RuntimeError || err instanceof RangeError;
  }

  function recover(err) {
    let panic;
    try {
      panic = raw.__tgtext_take_panic();
    } catch {
      panic = undefined; // the broken instance may not answer; the message is then unknown
    }
    raw.__wbg_reset_state();
    const message = panic
      ? `tgtext: internal error, please report it: ${panic}`
      : `tgtext: the WebAssembly module stopped (${err.message}); most likely it ran out of memory ` +
        "on a very large input (the tgtext CLI streams files of any size)";
    return new Error(message, { cause: err });
  }

  function call(fn) {
    try {
      return fn();
    } catch (err) {
      throw trapped(err) ? recover(err) : err;
    }
  }

  function text(value, fn, what = "input", or = "") {
    if (typeof value !== "string") {
      const got = value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
      throw new TypeError(`tgtext.${fn}: ${what} must be a string${or}, got ${got}`);
    }
    return value;
  }

  // A long text goes to the wasm in pieces through the streaming analyzer: one call would need
  // the whole text's UTF-8 copy in wasm memory at once (a 50 MB paste grew it by ~150 MB), and
  // pieces make the first call on a large text ~20% faster. The report is the same.
  const PIECE = 1 << 20; // UTF-16 code units

  function analyze(input, options) {
    if (input instanceof Uint8Array) return call(() => raw.analyzeBytes(input, options));
    if (typeof input !== "string") text(input, "analyze", "input", " or a Uint8Array");
    if (input.length <= PIECE) return call(() => raw.analyze(input, options));
    const analyzer = new Analyzer(options);
    try {
      for (let at = 0; at < input.length; ) {
        let end = Math.min(at + PIECE, input.length);
        // Never cut a surrogate pair: its halves are one character.
        const last = input.charCodeAt(end - 1);
        if (end < input.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
        analyzer.feed(input.slice(at, end));
        at = end;
      }
      return analyzer.finish();
    } finally {
      analyzer.free();
    }
  }

  // Node only (the Node entry passes `node:fs`): the file is read by fs.readSync a piece at a
  // time straight into the wasm's read buffer, so a file of any size reads in bounded memory,
  // with no copy of it in JS — faster than analyze(readFileSync(path)), and past what one
  // Buffer can hold.

  function analyzeFile(path, options) {
    if (!fs) {
      throw new Error(
        "tgtext.analyzeFile needs Node's file system; in a browser, pass the file's bytes " +
          "(new Uint8Array(await file.arrayBuffer())) to analyze()",
      );
    }
    text(path, "analyzeFile", "path");
    let fd;
    try {
      fd = fs.openSync(path, "r");
    } catch (err) {
      throw new Error(`${path}: cannot open: ${err.message}`, { cause: err });
    }
    let reading = false;
    const file = {
      read(buffer) {
        reading = true;
        return fs.readSync(fd, buffer, 0, buffer.length, null);
      },
    };
    try {
      return call(() => raw.analyzeReader(file, options));
    } catch (err) {
      // Errors met while reading are about the file: name it, as the CLI does.
      if (reading && err instanceof Error && !trapped(err.cause)) {
        throw new Error(`${path}: ${err.message}`, { cause: err });
      }
      throw err;
    } finally {
      fs.closeSync(fd);
    }
  }

  function strip(input, options) {
    text(input, "strip");
    return call(() => raw.strip(input, options));
  }

  function kwic(input, term, options) {
    text(input, "kwic");
    text(term, "kwic", "term");
    return call(() => raw.kwic(input, term, options));
  }

  function csv(report) {
    return call(() => raw.csv(report));
  }

  function version() {
    return call(() => raw.version());
  }

  // A wasm object from before a reset belongs to the dropped instance; say so plainly.
  function live(owner, name) {
    if (owner.inner === null) {
      throw new Error(`tgtext.${name}: this object has finished or was reset after an error; create a new one`);
    }
    return owner.inner;
  }

  /** Streaming analysis: `feed` pieces of text, then `finish()` gives the report. */
  class Analyzer {
    #state = { inner: null };
    constructor(options) {
      this.#state.inner = call(() => new raw.Analyzer(options));
    }
    #run(name, fn) {
      const inner = live(this.#state, `Analyzer.${name}`);
      try {
        return call(() => fn(inner));
      } catch (err) {
        if (err instanceof Error && err.cause instanceof Error && trapped(err.cause)) this.#state.inner = null;
        throw err;
      }
    }
    feed(chunk) {
      text(chunk, "Analyzer.feed", "chunk");
      this.#run("feed", (inner) => inner.feed(chunk));
    }
    endInput() {
      this.#run("endInput", (inner) => inner.endInput());
    }
    finish() {
      const report = this.#run("finish", (inner) => inner.finish());
      this.free();
      return report;
    }
    /** Releases the wasm memory now rather than at garbage collection. */
    free() {
      const inner = this.#state.inner;
      this.#state.inner = null;
      if (inner) inner.free();
    }
  }

  /** Streaming strip: each `feed` returns the posts it finished, `finish()` the rest. */
  class Stripper {
    #state = { inner: null };
    constructor(options) {
      this.#state.inner = call(() => new raw.Stripper(options));
    }
    #run(name, fn) {
      const inner = live(this.#state, `Stripper.${name}`);
      try {
        return call(() => fn(inner));
      } catch (err) {
        if (err instanceof Error && err.cause instanceof Error && trapped(err.cause)) this.#state.inner = null;
        throw err;
      }
    }
    feed(chunk) {
      text(chunk, "Stripper.feed", "chunk");
      return this.#run("feed", (inner) => inner.feed(chunk));
    }
    endInput() {
      return this.#run("endInput", (inner) => inner.endInput());
    }
    finish() {
      const posts = this.#run("finish", (inner) => inner.finish());
      this.free();
      return posts;
    }
    /** Releases the wasm memory now rather than at garbage collection. */
    free() {
      const inner = this.#state.inner;
      this.#state.inner = null;
      if (inner) inner.free();
    }
  }

  // Internal, for the package's own tests of the trap path (see wasm/src/bindings.rs).
  function __tgtext_test_trap(kind) {
    return call(() => raw.__tgtext_test_trap(kind));
  }

  return { analyze, analyzeFile, strip, kwic, csv, version, Analyzer, Stripper, __tgtext_test_trap };
}
