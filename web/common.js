/*
 * What every lab page shares: the scenario in the URL, the playback
 * controls, the seeded random numbers, the exercise verdict, the "copy
 * link" button, loading the emcc module, small helpers for numbers and
 * elements, and the names of the C code's enums, bits and error numbers,
 * which the pages ask the module for rather than keep tables of their own.
 * A classic script (not an ES module) so that pages opened from disk
 * (file://) work too; it defines the one global `AuroraWeb`.
 */
'use strict';

window.AuroraWeb = (function () {
  const $ = (id) => document.getElementById(id);

  /* A small, fast seeded generator: the same seed, the same exercise. */
  function mulberry32(seed) {
    let a = seed >>> 0;
    return function () {
      a = (a + 0x6D2B79F5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /* --- numbers, words and elements ------------------------------------- */

  /* 64-bit values as BigInt, the way the modules hand them over (-sWASM_BIGINT). */
  const u64 = (x) => BigInt.asUintN(64, BigInt(x));
  const hex = (x) => '0x' + u64(x).toString(16);

  /* A hex number, with or without 0x, '_' and spaces allowed; null if not one. */
  function parseHex(text) {
    const t = String(text).trim().toLowerCase().replace(/[_\s]/g, '').replace(/^0x/, '');
    return /^[0-9a-f]{1,16}$/.test(t) ? BigInt('0x' + t) : null;
  }

  /* A number as a reader types one: hex with 0x, or decimal; null if neither. */
  function parseNumber(text) {
    const t = String(text).trim().toLowerCase().replace(/_/g, '');
    if (/^0x[0-9a-f]{1,16}$/.test(t)) return BigInt(t);
    if (/^[0-9]{1,20}$/.test(t)) return BigInt(t);
    return null;
  }

  function pick(rnd, list) { return list[Math.floor(rnd() * list.length)]; }

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /* --- names from the C code --------------------------------------------- */

  /* "-ENOENT" for -2, from errno_name (kernel/lib/errno_name.c), which every
     module exports; "0" for 0. */
  function errName(M, r) {
    r = Number(r);
    return r === 0 ? '0' : '-' + (M.UTF8ToString(M._errno_name(-r)) || 'errno ' + -r);
  }

  /* The names a C name function gives for 0, 1, ... up to the first it has
     none for ("" or "?"): names[i] is the name of value i. */
  function cNames(M, nameOf) {
    const names = [];
    for (let name; (name = M.UTF8ToString(nameOf(names.length))) && name !== '?';)
      names.push(name);
    return names;
  }

  /* The same as { NAME: value }: "stack-build" is STACK_BUILD. */
  function cEnum(M, nameOf) {
    const e = {};
    cNames(M, nameOf).forEach((name, i) => { e[name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')] = i; });
    return e;
  }

  /* The bits a C name function names by bit number, as [name, mask] in bit
     order: bit i is named if nameOf(i) gives a name ("" or "?": none).  Up
     to bit 30, so that masks stay small positive numbers. */
  function cBits(M, nameOf) {
    const bits = [];
    for (let bit = 0; bit < 31; bit++) {
      const name = M.UTF8ToString(nameOf(bit));
      if (name && name !== '?') bits.push([name, 1 << bit]);
    }
    return bits;
  }

  /* --- the scenario in the URL (after '#', or '?' for old links) ---------- */

  function readParams() {
    return new URLSearchParams(location.hash.length > 1 ? location.hash.slice(1) : location.search.slice(1));
  }

  /* An integer parameter in [lo, hi], else dflt. */
  function intParam(q, k, lo, hi, dflt) {
    const v = Number(q.get(k));
    return q.has(k) && q.get(k) !== '' && Number.isInteger(v) && v >= lo && v <= hi ? v : dflt;
  }

  function writeParams(query) {
    const url = location.pathname + location.search + '#' + query;
    try { history.replaceState(null, '', url); } catch (e) { /* some file:// setups refuse */ }
  }

  /* Reload the scenario when someone edits the URL by hand. */
  function onHashChange(currentQuery, load) {
    window.addEventListener('hashchange', () => {
      if (location.hash.slice(1) !== currentQuery()) load();
    });
  }

  function copyLinkButton(btn, currentQuery) {
    btn.addEventListener('click', async () => {
      const url = location.href.split('#')[0] + '#' + currentQuery();
      try { await navigator.clipboard.writeText(url); btn.textContent = 'Link copied'; } catch (e) {
        btn.textContent = 'Link is in the address bar';
      }
      setTimeout(() => { btn.textContent = 'Copy link'; }, 1500);
    });
  }

  /* --- playback ----------------------------------------------------------- */

  /* The step controls, after the group's title: the same on every page. */
  function playbackControls(box) {
    const html = '<button id="btn-start" title="Back to boot (Home)">&laquo; boot</button>' +
      '<button id="btn-back" title="Step back (&larr;)">&#x25C0; back</button>' +
      '<button id="btn-play" title="Play or pause (space)">&#x25B6; play</button>' +
      '<button id="btn-fwd" title="Step forward (&rarr;)">step &#x25B6;</button>' +
      '<button id="btn-end" title="Jump to the end (End)">end &raquo;</button>' +
      '<span class="pos">step <b id="pos">0 / 0</b></span>' +
      '<label class="speed">speed <input id="speed" type="range" min="1" max="6" value="3">' +
      '<span id="speed-label"></span></label>';
    box.querySelector('.group-title').insertAdjacentHTML('afterend', html);
  }

  /*
   * Puts the step controls into #playback, then wires the page's #btn-start, #btn-back, #btn-play, #btn-fwd, #btn-end,
   * #pos, #speed and #speed-label, and the keys (arrows, space, Home, End).
   * The page supplies: forward() (false at the end), back(), toStart(),
   * toEnd(), position() -> [pos, total], and render().
   */
  function player(speeds, h) {
    playbackControls($('playback'));
    let timer = null;
    let stopAt = null;		/* play only up to this position */
    const delay = () => speeds[Number($('speed').value) - 1];

    function pause() {
      if (timer) clearTimeout(timer);
      timer = null;
      stopAt = null;
      $('btn-play').textContent = '\u25B6 play';
    }

    function play(until) {
      if (timer) return;
      const [pos, total] = h.position();
      if (pos >= total) return;
      stopAt = until === undefined ? null : until;
      const tick = () => {
        if (!h.forward() || (stopAt !== null && h.position()[0] >= stopAt) ||
          h.position()[0] >= h.position()[1]) { pause(); update(); return; }
        timer = setTimeout(tick, delay());
      };
      timer = setTimeout(tick, until === undefined ? 0 : delay());
      update();
    }

    /* Enable what can be pressed; call after every render. */
    function update() {
      const [pos, total] = h.position();
      $('pos').textContent = pos + ' / ' + total;
      $('btn-back').disabled = $('btn-start').disabled = pos === 0;
      $('btn-fwd').disabled = $('btn-end').disabled = pos >= total;
      $('btn-play').textContent = timer ? '\u275A\u275A pause' : '\u25B6 play';
    }

    $('btn-back').addEventListener('click', () => { pause(); h.back(); });
    $('btn-fwd').addEventListener('click', () => { pause(); h.forward(); });
    $('btn-start').addEventListener('click', () => { pause(); h.toStart(); });
    $('btn-end').addEventListener('click', () => { pause(); h.toEnd(); });
    $('btn-play').addEventListener('click', () => { if (timer) { pause(); h.render(); } else play(); });
    const speedLabel = () => { $('speed-label').textContent = delay() + ' ms/step'; };
    $('speed').addEventListener('input', speedLabel);
    speedLabel();
    document.addEventListener('keydown', (ev) => {
      if (ev.target.closest('input, select, textarea')) return;
      if (ev.key === 'ArrowRight') { pause(); h.forward(); ev.preventDefault(); }
      else if (ev.key === 'ArrowLeft') { pause(); h.back(); ev.preventDefault(); }
      else if (ev.key === ' ' && !ev.target.closest('button')) { $('btn-play').click(); ev.preventDefault(); }
      else if (ev.key === 'Home') { $('btn-start').click(); }
      else if (ev.key === 'End') { $('btn-end').click(); }
    });
    return { play, pause, update, delay, playing: () => timer !== null };
  }

  /*
   * The list of steps taken and to come (an <ol>): a button per record
   * showing its title, "failed" unless rec.ok, that goes to just after it
   * with goTo(n); the step at `pos` marked current and kept in view inside
   * the list (without scrolling the page), later ones marked future.
   * mark(li, i), if given, adds a page's own classes.
   */
  function stepList(ol, records, pos, goTo, mark) {
    ol.innerHTML = '';
    records.forEach((rec, i) => {
      const li = el('li', rec.ok ? '' : 'failed');
      li.dataset.step = i + 1;
      if (i === pos - 1) li.classList.add('current');
      if (i >= pos) li.classList.add('future');
      if (mark) mark(li, i);
      const b = el('button', 'op mono', rec.title);
      b.title = 'Go to this step';
      b.addEventListener('click', () => goTo(i + 1));
      li.append(b);
      ol.append(li);
    });
    const shown = ol.querySelector('li.current');
    if (shown) ol.scrollTop = Math.max(0, shown.offsetTop - ol.clientHeight / 2);
  }

  /* --- the exercise ------------------------------------------------------- */

  /*
   * The exercise panel (#exercise): common.js adds the seed and "New
   * question" under its title, and Check, "Show me" and the verdict to its
   * #ex-form, which holds the page's answer fields.  h.seed() is the seed of
   * the question on screen (null if none); h.ask(seed), h.check() and
   * h.show() do the page's part.  Returns show(question): put a question
   * (or none) on screen with a blank answer.
   */
  function exercise(h) {
    const box = $('exercise');
    box.querySelector('h2').insertAdjacentHTML('afterend', '<div class="ex-controls">' +
      '<label>seed <input id="ex-seed" type="number" min="0" max="4294967295" value="1"></label>' +
      '<button id="ex-new">New question</button></div>');
    $('ex-form').insertAdjacentHTML('beforeend', '<button id="ex-submit" type="submit" class="primary">Check</button>' +
      '<button id="ex-show" type="button">Show me</button>');
    $('ex-form').insertAdjacentHTML('afterend', '<div id="ex-result" class="ex-result" aria-live="polite"></div>');
    $('ex-new').addEventListener('click', () => {
      let seed = Number($('ex-seed').value) >>> 0;
      if (seed === h.seed()) seed = (seed + 1) >>> 0;	/* a fresh one each press */
      $('ex-seed').value = seed;
      h.ask(seed);
    });
    const intro = $('ex-question').textContent;
    $('ex-form').addEventListener('submit', (ev) => { ev.preventDefault(); h.check(); });
    $('ex-show').addEventListener('click', () => h.show());
    return function show(question, seed) {
      if (seed !== undefined && seed !== null) $('ex-seed').value = seed;
      $('ex-question').textContent = question ? question.text : intro;
      $('ex-form').hidden = !question;
      $('ex-form').reset();
      $('ex-result').textContent = '';
      $('ex-result').className = 'ex-result';
    };
  }

  function showVerdict(el, correct, lines) {
    el.innerHTML = '';
    el.className = 'ex-result ' + (correct ? 'correct' : 'wrong');
    el.dataset.correct = correct ? '1' : '0';
    const head = document.createElement('strong');
    head.textContent = correct ? 'Correct.' : 'Not quite.';
    el.append(head);
    for (const l of lines) {
      const p = document.createElement('div');
      p.textContent = l;
      el.append(p);
    }
  }

  /* --- the invariants ------------------------------------------------------ */

  /*
   * Fill the invariant strip (#invariant, #invariant-text, #inv-list) from a
   * bridge that offers <prefix>_check() (how many are broken), and per
   * invariant i: _invariant_count, _invariant_name, _invariant_ok and
   * _invariant_detail.  Green when all hold, red naming each broken one.
   */
  function invariantStrip(M, prefix) {
    const f = (name) => M['_' + prefix + '_' + name];
    const broken = f('check')();
    const box = $('invariant');
    box.className = 'invariant ' + (broken ? 'bad' : 'ok');
    box.dataset.ok = broken ? '0' : '1';
    $('invariant-text').textContent = broken ? broken + ' invariant' + (broken > 1 ? 's' : '') + ' broken' : 'all invariants hold';
    const ul = $('inv-list');
    ul.innerHTML = '';
    for (let i = 0; i < f('invariant_count')(); i++) {
      const ok = f('invariant_ok')(i) === 1;
      const li = document.createElement('li');
      li.className = ok ? 'ok' : 'bad';
      li.textContent = M.UTF8ToString(f('invariant_name')(i));
      li.dataset.ok = ok ? '1' : '0';
      if (!ok) {
        const d = document.createElement('span');
        d.className = 'detail';
        d.textContent = ': ' + M.UTF8ToString(f('invariant_detail')(i));
        li.append(d);
      }
      ul.append(li);
    }
    return broken;
  }

  /* --- starting the page -------------------------------------------------- */

  /* Load the emcc module `factory`, then ready(module), which returns what
   * the page exposes as window.aurora; say so in #status. */
  function start(factory, file, running, ready) {
    const fail = (e) => {
      $('status').textContent = 'failed to start: ' + e.message;
      $('status').className = 'status error';
      console.error(e);
    };
    if (typeof window[factory] !== 'function') {
      fail(new Error(file + ' did not load (build it with `make web`)'));
      return;
    }
    window[factory]().then((mod) => {
      /* for tests and the curious: the module and what the page offers */
      window.aurora = Object.assign({ module: mod }, ready(mod));
      $('status').textContent = 'running ' + running;
      $('status').className = 'status ready';
      $('status').dataset.ready = '1';
    }).catch(fail);
  }

  return { $, mulberry32, u64, hex, parseHex, parseNumber, pick, el, errName, cNames, cEnum, cBits,
    readParams, intParam, writeParams, onHashChange, copyLinkButton, player, stepList, exercise, showVerdict,
    invariantStrip, start };
})();
