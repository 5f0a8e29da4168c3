// A bittorrent-dht node as a test peer for Chordia's interop tests (docs/interop.md).
//
//   node dht-peer.mjs --port P [--bootstrap HOST:PORT ...]
//
// Runs a DHT node on 127.0.0.1:P, prints {"ready":true,...} once it has joined through the bootstrap
// nodes, then reads one JSON command per line on stdin and prints one JSON line per command on
// stdout, {"ok":true,...} or {"ok":false,"error":...}. Commands run one at a time, in order. End of
// input or {"cmd":"quit"} stops it. The line protocol is the one libtorrent_dht.py speaks.
import crypto from 'node:crypto'
import readline from 'node:readline'
import DHT from 'bittorrent-dht'

const K = 8
const DEFAULT_TIMEOUT_MS = 10000
// DER headers that turn a raw 32-byte Ed25519 seed or public key into a key Node's crypto accepts.
const PKCS8_ED25519 = Buffer.from('302e020100300506032b657004220420', 'hex')
const SPKI_ED25519 = Buffer.from('302a300506032b6570032100', 'hex')

function parseArgs (argv) {
  const args = { port: 0, bootstrap: [] }
  let list = null
  for (const word of argv) {
    if (word === '--port') list = 'port'
    else if (word === '--bootstrap') list = 'bootstrap'
    else if (list === 'port') { args.port = Number(word); list = null } else if (list === 'bootstrap') args.bootstrap.push(word)
    else throw new Error('unexpected argument ' + word)
  }
  if (!args.port) throw new Error('usage: node dht-peer.mjs --port P [--bootstrap HOST:PORT ...]')
  return args
}

function verify (signature, message, publicKey) {
  const key = crypto.createPublicKey({ key: Buffer.concat([SPKI_ED25519, publicKey]), format: 'der', type: 'spki' })
  return crypto.verify(null, message, key, signature)
}

function keypair (seedHex) {
  const privateKey = crypto.createPrivateKey({
    key: Buffer.concat([PKCS8_ED25519, Buffer.from(seedHex, 'hex')]), format: 'der', type: 'pkcs8'
  })
  const publicKey = crypto.createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519.length)
  return { publicKey, sign: (message) => crypto.sign(null, message, privateKey) }
}

const sha1 = (bytes) => crypto.createHash('sha1').update(bytes).digest()
const addrOf = (node) => `${node.host || node.address}:${node.port}`
const splitAddr = (text) => { const i = text.lastIndexOf(':'); return { host: text.slice(0, i), port: Number(text.slice(i + 1)) } }
const valueFields = (v) => ({ value: Buffer.from(v).toString('utf8'), value_hex: Buffer.from(v).toString('hex') })
const callback = (resolve, reject) => (err, ...rest) => err ? reject(err) : resolve(rest)

function withTimeout (promise, ms) {
  let timer
  const timeout = new Promise((resolve, reject) => { timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms) })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

class Peer {
  constructor (port) {
    this.port = port
    // verify: BEP 44 mutable items need it, and bittorrent-dht ships none.
    this.dht = new DHT({ bootstrap: false, host: '127.0.0.1', verify })
  }

  async start (bootstrap) {
    await new Promise((resolve, reject) => {
      this.dht.once('error', reject)
      this.dht.listen(this.port, '127.0.0.1', resolve)
    })
    for (const addr of bootstrap) await this.ping({ addr })
    // Our own id, so that the nodes near it learn about us.
    if (bootstrap.length) await this.find_node({ target: this.dht.nodeId.toString('hex') })
  }

  query (addr, message) {
    return new Promise((resolve, reject) => this.dht._rpc.query(splitAddr(addr), message, (err, res) => err ? reject(err) : resolve(res)))
  }

  node_id () { return { id: this.dht.nodeId.toString('hex'), port: this.port } }

  async ping ({ addr }) {
    const res = await this.query(addr, { q: 'ping', a: { id: this.dht.nodeId } })
    return { id: res.r.id.toString('hex'), query: 'ping' }
  }

  async find_node ({ target }) {
    const answered = new Map()
    const targetBytes = Buffer.from(target, 'hex')
    await new Promise((resolve, reject) => this.dht._rpc.closest(targetBytes,
      { q: 'find_node', a: { id: this.dht.nodeId, target: targetBytes } },
      (message, node) => { if (message.r && message.r.id) answered.set(message.r.id.toString('hex'), addrOf(node)) },
      callback(resolve, reject)))
    const distance = (id) => BigInt('0x' + id) ^ BigInt('0x' + target)
    const closest = [...answered.keys()].sort((a, b) => distance(a) < distance(b) ? -1 : 1).slice(0, K)
    return { nodes: closest.map(id => ({ id, addr: answered.get(id) })) }
  }

  table () { return { nodes: this.dht.nodes.toArray().map(n => ({ id: n.id.toString('hex'), addr: addrOf(n) })) } }

  table_size () { return { size: this.dht.nodes.toArray().length } }

  async get_peers ({ info_hash: infoHash }) {
    const peers = new Set()
    const onPeer = (peer, hash) => { if (hash.toString('hex') === infoHash) peers.add(`${peer.host}:${peer.port}`) }
    this.dht.on('peer', onPeer)
    try {
      await new Promise((resolve, reject) => this.dht.lookup(infoHash, callback(resolve, reject)))
    } finally {
      this.dht.removeListener('peer', onPeer)
    }
    return { peers: [...peers].sort() }
  }

  async announce ({ info_hash: infoHash, port }) {
    const [acked] = await new Promise((resolve, reject) => this.dht.announce(infoHash, port, callback(resolve, reject)))
    return { port, acked }
  }

  async put_immutable ({ value }) {
    const [target, stored] = await new Promise((resolve, reject) => this.dht.put({ v: Buffer.from(value) }, callback(resolve, reject)))
    return { target: target.toString('hex'), stored }
  }

  async get ({ target }) {
    const [item] = await new Promise((resolve, reject) => this.dht.get(target, { cache: false }, callback(resolve, reject)))
    return item ? { found: true, ...valueFields(item.v) } : { found: false }
  }

  async put_mutable ({ seed, salt = '', value }) {
    const { publicKey, sign } = keypair(seed)
    const saltBytes = Buffer.from(salt)
    const target = sha1(Buffer.concat([publicKey, saltBytes]))
    // Like libtorrent, the next sequence number follows the one the network holds.
    const [current] = await new Promise((resolve, reject) =>
      this.dht.get(target, { salt: saltBytes, cache: false }, callback(resolve, reject)))
    const seq = current ? current.seq + 1 : 1
    const opts = { k: publicKey, seq, v: Buffer.from(value), sign }
    if (saltBytes.length) opts.salt = saltBytes
    const [, stored] = await new Promise((resolve, reject) => this.dht.put(opts, callback(resolve, reject)))
    return { public_key: publicKey.toString('hex'), target: target.toString('hex'), seq, stored }
  }

  async get_mutable ({ public_key: publicKey, salt = '' }) {
    const saltBytes = Buffer.from(salt)
    const target = sha1(Buffer.concat([Buffer.from(publicKey, 'hex'), saltBytes]))
    const opts = { cache: false }
    if (saltBytes.length) opts.salt = saltBytes
    const [item] = await new Promise((resolve, reject) => this.dht.get(target, opts, callback(resolve, reject)))
    return item ? { found: true, seq: item.seq, ...valueFields(item.v) } : { found: false }
  }
}

const COMMANDS = ['node_id', 'ping', 'find_node', 'table', 'table_size', 'get_peers', 'announce',
  'put_immutable', 'get', 'put_mutable', 'get_mutable']

function reply (obj) { process.stdout.write(JSON.stringify(obj) + '\n') }

async function execute (peer, line) {
  let cmd = {}
  try {
    cmd = JSON.parse(line)
    if (cmd.cmd === 'quit') { reply({ ok: true, cmd: 'quit' }); return false }
    if (!COMMANDS.includes(cmd.cmd)) throw new Error(`unknown command '${cmd.cmd}'`)
    const result = await withTimeout(Promise.resolve(peer[cmd.cmd](cmd)), cmd.timeout_ms || DEFAULT_TIMEOUT_MS)
    reply({ ok: true, cmd: cmd.cmd, ...result })
  } catch (e) { // the test reads the failure; the peer keeps serving
    reply({ ok: false, cmd: cmd.cmd ?? null, error: String(e && e.message ? e.message : e) })
  }
  return true
}

async function main () {
  const args = parseArgs(process.argv.slice(2))
  const peer = new Peer(args.port)
  try {
    await withTimeout(peer.start(args.bootstrap), DEFAULT_TIMEOUT_MS)
  } catch (e) {
    reply({ ready: false, error: String(e && e.message ? e.message : e) })
    process.exit(1)
  }
  peer.dht.on('error', (e) => process.stderr.write(`dht error: ${e.message}\n`))
  peer.dht.on('warning', (e) => process.stderr.write(`dht warning: ${e.message}\n`))
  reply({ ready: true, ...peer.node_id() })
  const lines = readline.createInterface({ input: process.stdin })
  for await (const line of lines) {
    if (line.trim() && !await execute(peer, line)) break
  }
  peer.dht.destroy()
  process.exit(0)
}

main()
