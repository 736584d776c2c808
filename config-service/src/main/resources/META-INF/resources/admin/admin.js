// The operator page: reads /api/admin/overview every 5 s (with the admin token, kept for this tab
// only), and runs the estimator and the advisor. Text from the server is set with textContent
// only: an error message or a config problem is never parsed as HTML.
'use strict'
const tokenInput = document.getElementById('token')
tokenInput.value = sessionStorage.getItem('streamhub-admin-token') || ''
const message = document.getElementById('message')

function headers () {
  const t = tokenInput.value.trim()
  return t ? { Authorization: 'Bearer ' + t } : {}
}

function cell (row, text, cls) {
  const td = document.createElement('td')
  td.textContent = text
  if (cls) td.className = cls
  row.appendChild(td)
  return td
}

function fill (tableId, items, render) {
  const body = document.querySelector('#' + tableId + ' tbody')
  body.replaceChildren(...items.map((item) => {
    const tr = document.createElement('tr')
    render(tr, item)
    return tr
  }))
}

function percent (share) {
  return share === undefined ? 'no reports yet' : (share * 100).toFixed(1) + ' %'
}

async function refresh () {
  let response
  try {
    response = await fetch('/api/admin/overview', { headers: headers() })
  } catch (e) {
    message.textContent = 'config-service unreachable: ' + e.message
    return
  }
  if (response.status === 401) {
    message.textContent = 'enter the admin token (streamhub.config.admin-token)'
    message.className = 'error'
    return
  }
  if (!response.ok) {
    message.textContent = 'overview failed: HTTP ' + response.status
    message.className = 'error'
    return
  }
  const o = await response.json()
  message.textContent = 'updated ' + new Date().toLocaleTimeString()
  message.className = ''
  const c = o.config
  document.getElementById('revision').textContent = c.revision || '—'
  document.getElementById('applied').textContent = c.appliedAt || '—'
  document.getElementById('source').textContent = c.source || '—'
  document.getElementById('rejected').textContent = c.rejectedRevision || 'none'
  document.getElementById('problems').replaceChildren(...(c.problems || []).map((p) => {
    const li = document.createElement('li')
    li.textContent = p.text
    return li
  }))
  fill('apps', o.apps, (tr, a) => {
    tr.dataset.app = a.app
    cell(tr, a.app)
    cell(tr, a.mode)
    cell(tr, a.renditions.join(', '))
    cell(tr, a.p2pEnabled ? 'on' : 'off')
    cell(tr, a.p2pEnabled ? percent(a.p2pShare) : '—')
  })
  document.getElementById('redis').textContent = o.redis === 'up' ? '' : 'Redis ' + o.redis
  fill('rooms', o.rooms, (tr, r) => {
    tr.dataset.room = r.app + '/' + r.room
    cell(tr, r.app)
    cell(tr, r.room)
    cell(tr, r.status, r.status)
    cell(tr, r.livekitNode || '—')
    cell(tr, r.originNode || 'not claimed')
    cell(tr, r.egressIds.join(', ') || '—')
    cell(tr, r.lastError || '')
  })
}

function query (form) {
  const params = new URLSearchParams()
  for (const el of form.elements) {
    if (!el.name || (el.type === 'checkbox' && !el.checked)) continue
    if (el.value !== '') params.set(el.name, el.value)
  }
  return params
}

async function ask (form, path, output, describe) {
  const response = await fetch(path + '?' + query(form), { headers: headers() })
  const body = await response.json()
  output.className = response.ok ? '' : 'error'
  output.textContent = response.ok ? describe(body) : body.error
}

function bill (cost) {
  return Object.values(cost.byProvider).map((l) => `${l.provider}: $${l.usd.toFixed(2)}`).join('\n')
}

document.getElementById('estimate').addEventListener('submit', (e) => {
  e.preventDefault()
  ask(e.target, '/api/estimate', document.getElementById('estimate-result'),
    (r) => `${r.totalGb} GB in all, ${r.cdnGb} GB through the CDN\n` + bill(r))
})

document.getElementById('advice').addEventListener('submit', (e) => {
  e.preventDefault()
  ask(e.target, '/api/advice', document.getElementById('advice-result'), (a) =>
    `mode: ${a.mode}${a.webrtc ? ' + WebRTC' : ''}${a.pushS3 ? ' + push to S3' : ''} (${a.useCase})\n` +
    `latency: ${a.latency}\n${a.reason}\n` + bill(a.cost))
})

document.getElementById('login').addEventListener('submit', (e) => {
  e.preventDefault()
  sessionStorage.setItem('streamhub-admin-token', tokenInput.value.trim())
  refresh()
})

refresh()
setInterval(refresh, 5000)
