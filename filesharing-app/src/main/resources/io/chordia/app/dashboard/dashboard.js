'use strict';
// The node's dashboard: polls the control verbs with the secret from the login link, draws with SVG.
(() => {
  const SVG = 'http://www.w3.org/2000/svg';
  const POLL_MS = 2000;
  const secret = takeSecret();

  // The link carries the secret in the fragment; keep it for this tab only and clear the address bar,
  // so it does not end up in bookmarks, history or a screenshot.
  function takeSecret() {
    const m = /^#secret=([0-9a-fA-F]+)$/.exec(location.hash);
    if (m) {
      sessionStorage.setItem('chordia-secret', m[1]);
      history.replaceState(null, '', location.pathname);
    }
    return sessionStorage.getItem('chordia-secret');
  }

  async function call(verb, body) {
    const response = await fetch('/v1/' + verb, {
      method: 'POST',
      cache: 'no-store',
      headers: { 'Authorization': 'Bearer ' + secret, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) {
      throw new Error(verb + ' refused (HTTP ' + response.status + '): ' + text.trim());
    }
    for (const line of text.split('\n')) {
      if (!line) continue;
      const answer = JSON.parse(line);
      if (answer.error) throw new Error(answer.error.message + (answer.error.hint ? ' (' + answer.error.hint + ')' : ''));
      if (answer.result !== undefined) return answer.result;
    }
    throw new Error('the node closed the connection before answering ' + verb);
  }

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, text) {
    const e = tag.startsWith('svg:') ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function notice(text) {
    $('notice').textContent = text || '';
    $('notice').hidden = !text;
  }

  function bytes(n) {
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    let i = 0;
    while (n >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + ' ' + units[i];
  }

  function duration(s) {
    const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
    return h + 'h ' + String(m).padStart(2, '0') + 'm ' + String(sec).padStart(2, '0') + 's';
  }

  // Where an id sits on the ring, as a fraction of a turn: its first 48 bits are plenty for a picture.
  const turn = (hex) => parseInt(hex.slice(0, 12), 16) / 2 ** 48;
  const short = (hex) => hex.slice(0, 8);

  function drawRing(svg, status) {
    const c = 210, r = 150;
    const at = (hex, radius) => {
      const a = turn(hex) * 2 * Math.PI - Math.PI / 2;
      return [c + radius * Math.cos(a), c + radius * Math.sin(a)];
    };
    svg.append(el('svg:circle', { cx: c, cy: c, r: r, class: 'ring' }));
    const [sx, sy] = at(status.nodeId, r);
    // Predecessors are rings drawn last, so a node that is also a successor or finger shows both roles.
    const roles = [['finger', status.shape.fingers, 6], ['successor', status.shape.successors, 6],
      ['predecessor', status.shape.predecessors, 10]];
    for (const [role, peers, size] of roles) {
      for (const p of peers) {
        const [x, y] = at(p.id, r);
        svg.append(el('svg:line', { x1: sx, y1: sy, x2: x, y2: y, class: 'chord-line' }));
        const dot = el('svg:circle', { cx: x, cy: y, r: size, class: role });
        dot.append(el('svg:title', {}, role + ' ' + p.id + ' @ ' + p.address));
        svg.append(dot);
      }
    }
    svg.append(el('svg:circle', { cx: sx, cy: sy, r: 9, class: 'self' }));
    const [lx, ly] = at(status.nodeId, r - 26);
    svg.append(el('svg:text', { x: lx, y: ly + 4, class: 'label', 'text-anchor': 'middle' }, short(status.nodeId)));
    svg.append(el('svg:text', { x: c, y: 12, class: 'label', 'text-anchor': 'middle' }, 'id 0'));
    const legend = [['self', 'this node'], ['successor', 'successors'], ['predecessor', 'predecessors'], ['finger', 'fingers']];
    legend.forEach(([cls, text], i) => {
      svg.append(el('svg:circle', { cx: 10, cy: 12 + i * 16, r: 5, class: cls }));
      svg.append(el('svg:text', { x: 20, y: 16 + i * 16, class: 'label' }, text));
    });
  }

  function drawBuckets(svg, sizes) {
    const left = 30, bottom = 380, height = 330, width = 370;
    const most = Math.max(1, ...sizes);
    const w = width / Math.max(1, sizes.length);
    svg.append(el('svg:line', { x1: left, y1: bottom, x2: left + width, y2: bottom, class: 'axis' }));
    sizes.forEach((n, i) => {
      const h = (n / most) * height;
      const bar = el('svg:rect', { x: left + i * w + 1, y: bottom - h, width: Math.max(1, w - 2), height: h, class: 'bar' });
      bar.append(el('svg:title', {}, 'bucket ' + i + ': ' + n + ' contacts'));
      svg.append(bar);
    });
    svg.append(el('svg:text', { x: left, y: bottom + 18, class: 'label' }, 'bucket 0'));
    svg.append(el('svg:text', { x: left + width, y: bottom + 18, class: 'label', 'text-anchor': 'end' },
      'bucket ' + (sizes.length - 1) + ' (longest shared prefix)'));
    svg.append(el('svg:text', { x: left - 4, y: bottom - height, class: 'label', 'text-anchor': 'end' }, String(most)));
  }

  function drawTraffic(svg, minutes) {
    const left = 10, top = 10, width = 400, height = 90;
    const most = Math.max(1, ...minutes.map((m) => Math.max(m.bytesIn, m.bytesOut)));
    const x = (m) => left + width - (m.minutesAgo / 59) * width;
    const y = (v) => top + height - (v / most) * height;
    svg.append(el('svg:line', { x1: left, y1: top + height, x2: left + width, y2: top + height, class: 'axis' }));
    for (const [field, cls] of [['bytesIn', 'line-in'], ['bytesOut', 'line-out']]) {
      const points = minutes.map((m) => x(m).toFixed(1) + ',' + y(m[field]).toFixed(1)).join(' ');
      svg.append(el('svg:polyline', { points: points || '', class: cls }));
      // The running minute as a dot: a node up for under a minute has no line yet.
      const now = minutes[minutes.length - 1];
      if (now) svg.append(el('svg:circle', { cx: x(now), cy: y(now[field]), r: 2.5, class: cls + ' now' }));
    }
    svg.append(el('svg:text', { x: left + width / 2 - 6, y: top + height + 16, class: 'label line-in-label',
      'text-anchor': 'end' }, 'bytes in'));
    svg.append(el('svg:text', { x: left + width / 2 + 6, y: top + height + 16, class: 'label line-out-label' }, 'bytes out'));
    svg.append(el('svg:text', { x: left, y: top + height + 16, class: 'label' }, '60 min ago'));
    svg.append(el('svg:text', { x: left + width, y: top + height + 16, class: 'label', 'text-anchor': 'end' }, 'now'));
    svg.append(el('svg:text', { x: left + 2, y: top + 8, class: 'label' }, bytes(most) + '/min'));
  }

  function showStatus(s) {
    $('node-id').textContent = s.nodeId;
    $('node-facts').textContent = s.protocol + ' on ' + s.address + ', up ' + duration(s.uptimeSeconds)
      + ', joined via ' + s.joinedVia;
    const kademlia = s.shape.bucketSizes.length > 0 || /kademlia/i.test(s.protocol);
    $('routing-title').textContent = kademlia ? 'Buckets (contacts per bucket)' : 'Place on the ring';
    const picture = $('routing-picture');
    picture.replaceChildren();
    if (kademlia) drawBuckets(picture, s.shape.bucketSizes); else drawRing(picture, s);
    $('routing-summary').textContent = s.routing;

    $('neighbours').replaceChildren(...(s.leafSet.length ? s.leafSet.map((p) => el('li', {}, p))
      : [el('li', { class: 'muted' }, 'no neighbours yet')]));
    $('records').textContent = s.storedRecords + ' records, ' + bytes(s.storedValueBytes) + ' of values';

    const traffic = $('traffic-picture');
    traffic.replaceChildren();
    drawTraffic(traffic, s.lastHour);
    const sum = (f) => s.lastHour.reduce((a, m) => a + m[f], 0);
    $('traffic-summary').textContent = 'in ' + sum('messagesIn') + ' datagrams (' + bytes(sum('bytesIn')) + '), out '
      + sum('messagesOut') + ' (' + bytes(sum('bytesOut')) + ')';

  }

  // The node's own list of fetches (chordia transfers); the page shows those still running.
  function showTransfers(reply) {
    const active = reply.transfers.filter((t) => t.state === 'active');
    $('transfers').replaceChildren(...(active.length ? active.map(transferItem)
      : [el('li', { class: 'muted' }, 'no transfers')]));
  }

  function transferItem(t) {
    const li = el('li', {}, t.name + ' ');
    li.append(el('progress', { max: Math.max(1, t.totalBytes), value: t.verifiedBytes }));
    const pct = t.totalBytes ? Math.floor((100 * t.verifiedBytes) / t.totalBytes) : 100;
    li.append(' ' + pct + '% of ' + bytes(t.totalBytes) + ', ' + bytes(Math.round(t.bytesPerSecond)) + '/s from '
      + t.peers + ' peers');
    return li;
  }

  async function keyId(text) {
    if (/^[0-9a-fA-F]{40}$/.test(text)) return text.toLowerCase();
    // Any other text names the key whose id is its SHA-1, as chordia lookup reads it.
    const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  async function lookup(event) {
    event.preventDefault();
    const text = $('lookup-key').value;
    $('lookup-owner').textContent = '';
    $('lookup-facts').textContent = 'looking up…';
    $('lookup-route').replaceChildren();
    $('lookup-picture').replaceChildren();
    try {
      const reply = await call('lookup', { key: await keyId(text), style: 'iterative' });
      if (!reply.owner) {
        $('lookup-facts').textContent = 'the lookup failed: ' + reply.status;
        return;
      }
      const route = reply.path[reply.path.length - 1] === reply.owner ? reply.path : [...reply.path, reply.owner];
      $('lookup-route').replaceChildren(...route.map((hop, i) =>
        el('li', { class: i === route.length - 1 ? 'route-owner' : 'route-hop' }, hop + (i === route.length - 1 ? ' (owner)' : ''))));
      drawRoute($('lookup-picture'), route);
      const plural = (n, word) => n + ' ' + word + (n === 1 ? '' : 's');
      $('lookup-facts').textContent = 'key ' + reply.key + ', ' + plural(reply.hops, 'hop') + ', '
        + plural(reply.messages, 'message') + ', ' + reply.millis.toFixed(1) + ' ms';
      $('lookup-owner').textContent = reply.owner;
    } catch (e) {
      $('lookup-facts').textContent = e.message;
    }
  }

  // This node first, then each hop in the order it was asked, the owner last.
  function drawRoute(svg, route) {
    const stops = ['this node@', ...route];
    const step = 400 / stops.length;
    const x = (i) => 10 + step / 2 + i * step;
    stops.forEach((hop, i) => {
      if (i > 0) svg.append(el('svg:line', { x1: x(i - 1) + 8, y1: 30, x2: x(i) - 8, y2: 30, class: 'hop-link' }));
    });
    stops.forEach((hop, i) => {
      const last = i === stops.length - 1;
      const dot = el('svg:circle', { cx: x(i), cy: 30, r: 8, class: i === 0 ? 'self' : last ? 'owner' : 'hop' });
      dot.append(el('svg:title', {}, hop));
      svg.append(dot);
      const title = i === 0 ? 'start' : last ? 'owner' : 'hop ' + i;
      svg.append(el('svg:text', { x: x(i), y: 14, class: 'label', 'text-anchor': 'middle' }, title));
      const [id, address] = hop.split('@');
      svg.append(el('svg:text', { x: x(i), y: 54, class: 'label', 'text-anchor': 'middle' }, id));
      svg.append(el('svg:text', { x: x(i), y: 68, class: 'label', 'text-anchor': 'middle' }, address || ''));
    });
  }

  async function poll() {
    try {
      showStatus(await call('status', {}));
      showTransfers(await call('transfers', {}));
      notice('');
    } catch (e) {
      notice('cannot read the node: ' + e.message);
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    if (!secret) {
      notice('No control secret: open the link that chordia node printed at start, or run chordia dashboard.');
      return;
    }
    $('lookup-form').addEventListener('submit', lookup);
    poll();
    setInterval(poll, POLL_MS);
  });
})();
