// govscan reviewer page. Plain JS, no build step.
// Safety: draft text and finding fields are only ever put into the page with textContent /
// createTextNode, never innerHTML, so a draft containing HTML or script shows as text.
// Offsets: the service sends utf16_start/utf16_end (JavaScript string indexes), so highlights are
// right even with emoji and other astral characters.
(function () {
  'use strict';

  const LABELS = JSON.parse(document.getElementById('labels').textContent);
  const CATEGORIES = ['personal_data', 'state_secret', 'commercial_secret', 'improper_wording'];
  const SEV_RANK = { info: 0, review: 1, block: 2 };
  const $ = (id) => document.getElementById(id);

  // What reviewers read for the service's error codes (the service's own reason otherwise).
  const ERROR_TEXT = {
    unauthorized: '需要访问令牌：请在右上角“访问令牌”处填写后重试',
    forbidden: '无权执行此操作',
    text_too_large: '稿件超过长度上限，请分段审查',
    body_too_large: '提交的内容或文件过大',
    unsupported_file_type: '不支持的文件类型',
    unsupported: '不支持的文件类型，或该类型不能生成批注版/清理版',
    unreadable_file: '无法读取该文件（文件损坏或编码无法识别）',
    corrupt: '无法读取该文件：文件损坏或不完整',
    encrypted: '该文件设有密码（已加密），请去除密码后再上传',
    too_large: '文件或其内容超过大小上限',
    zip_bomb: '压缩内容异常（解压后过大或嵌套过深），已拒绝',
    xml_bomb: '文件内部结构异常（含实体声明），已拒绝',
    timeout: '读取该文件超时，已停止',
    needs_libreoffice: '服务器未安装 LibreOffice，无法读取旧版 Office/WPS 文件（.doc/.xls/.ppt/.wps）',
    open_blocking_findings: '仍有阻断级问题未处理，不能同意发布（请修改或标记误报后再提交）',
    scan_not_found: '找不到该审查记录',
    already_dismissed: '该问题已标记为误报',
    not_dismissed: '该问题未被标记为误报',
    reviewer_token_required: '审核决定须使用审核人本人的访问令牌：请在右上角“访问令牌”处填写',
    reviewer_mismatch: '审核人姓名与访问令牌不一致',
    database_unavailable: '数据库暂时不可用，请稍后重试（已提交的审查结果会保留）',
    approver_required: '同意发布须由主管领导本人确认；审核人可退回修改',
  };

  const state = { scan: null, text: '', items: [], selected: null, docId: null };

  // ------------------------------------------------------------------ helpers
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }
  const typeLabel = (t) => LABELS.types[t] || t;
  const catLabel = (c) => LABELS.categories[c] || c;
  const sevLabel = (s) => LABELS.severities[s] || s;

  function setStatus(msg, isError) {
    const s = $('status');
    s.textContent = msg || '';
    s.classList.toggle('error', !!isError);
  }

  function localTime(iso) {
    const d = new Date(iso);
    return isNaN(d) ? (iso || '') : d.toLocaleString('zh-CN', { hour12: false });
  }

  function reviewer() {
    return $('reviewer').value.trim();
  }

  function requireReviewer() {
    if (reviewer()) return true;
    setStatus('请先在页面右上角填写审核人姓名', true);
    $('reviewer').focus();
    return false;
  }

  async function api(method, path, body, raw) {
    const headers = {};
    const token = sessionStorage.getItem('govscan.token');
    if (token) headers['Authorization'] = 'Bearer ' + token;
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
    const resp = await fetch(path, { method, headers, body: payload });
    if (resp.status === 401) {
      $('token-box').hidden = false;
      $('token').focus();
    }
    if (!resp.ok) {
      let reason = resp.status + ' ' + resp.statusText;
      try {
        const j = await resp.json();
        const key = j && j.reason && ERROR_TEXT[j.reason] ? j.reason : (j && j.code);
        if (j && j.error) reason = (ERROR_TEXT[key] || '') + (ERROR_TEXT[key] ? '' : j.error);
      } catch (e) { /* not JSON */ }
      const err = new Error(reason);
      err.status = resp.status;
      throw err;
    }
    return raw ? resp : resp.json();
  }

  function newDocId() {
    const rnd = new Uint8Array(6);
    crypto.getRandomValues(rnd);
    return 'draft-' + Array.from(rnd, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  // ------------------------------------------------------------------ scanning
  async function scanText(text) {
    if (!text.trim()) { setStatus('请先粘贴稿件', true); return; }
    state.file = null;
    let docId = $('doc-id').value.trim() || state.docId || newDocId();
    $('doc-id').value = docId;
    setStatus('审查中……');
    const res = await api('POST', '/v1/scan', { text: text, id: docId });
    show(res, text);
    setStatus('审查完成');
  }

  // ------------------------------------------------------------------ files
  function placeOf(f) {
    const loc = f.location;
    if (!loc || typeof loc !== 'object') return loc ? String(loc) : '';
    const bits = [loc.label || loc.layer || ''];
    if (loc.page !== null && loc.page !== undefined && !bits[0].includes('第 ' + loc.page + ' 页')) bits.push('第 ' + loc.page + ' 页');
    if (loc.sheet && !bits[0].includes(loc.sheet)) bits.push('工作表「' + loc.sheet + '」');
    if (loc.cell && !bits[0].includes(loc.cell)) bits.push('单元格 ' + loc.cell);
    return bits.filter(Boolean).join(' · ');
  }

  const PART_STATUS = { not_read: '未读取', read: '已读取' };
  // the reasons a picture was not read (scanner/files/limits.py PictureBudget, image.py), in Chinese
  function partStatus(p) {
    const s = p.status || '';
    if (PART_STATUS[s]) return PART_STATUS[s] + (p.kind === 'image' && s === 'read' ? '（图片文字已识别）' : '');
    let m = s.match(/over the budget of (\d+) pictures/);
    if (m) return '未读取：超出每个文件 ' + m[1] + ' 张图片的识别上限，此图片中的文字未检查';
    m = s.match(/over the budget of ([\d.]+) s of picture reading/);
    if (m) return '未读取：超出每个文件 ' + m[1] + ' 秒的图片识别时间，此图片中的文字未检查';
    if (/time budget .* nearly spent/.test(s)) return '未读取：文件读取时间即将用完，此图片中的文字未检查';
    if (/vector drawing/.test(s)) return '未读取：矢量图（EMF/WMF/SVG），不做文字识别';
    if (/the page links to/.test(s)) return '未读取：网页引用的图片（未下载；请单独上传该图片以识别其中文字）';
    if (/OFD page without text/.test(s)) return '未读取：OFD 无文字页面（暂不支持渲染识别）';
    if (/OCR failed|OCR engine|OCR needs/.test(s)) return '未读取：图片文字识别失败（' + s.replace(/^not_read:\s*/, '') + '）';
    if (/scanned page whose text layer was read/.test(s)) return '已跳过：扫描页自带文字层，已读取该文字层';
    if (s.startsWith('skipped:')) return '已跳过：' + s.slice(8).trim();
    if (s.startsWith('not_read:')) return '未读取：' + s.slice(9).trim();
    return s;
  }

  function renderFile(scan) {
    const panel = $('file-panel');
    const info = scan.file;
    if (!info) { panel.hidden = true; return; }
    panel.hidden = false;
    const layers = Object.entries(info.layers || {}).map(([k, n]) => (LAYER_TEXT[k] || k) + ' ' + n).join('，');
    const doc = scan.document || {};
    let summary = '文件：' + (doc.filename || '') + '（' + info.kind + '）· 读取的部分：' + (layers || '无文字');
    const pics = info.pictures;
    if (pics) {
      summary += ' · 图片：已识别 ' + pics.read + ' 张';
      if (pics.not_read && pics.not_read.length) summary += '，未识别 ' + pics.not_read.length + ' 张（见下方列表）';
    }
    $('file-summary').textContent = summary;
    const ul = $('file-parts');
    ul.replaceChildren();
    (info.parts || []).forEach((p) => {
      ul.append(el('li', 'part-' + p.status.split(':')[0], p.name + '：' + partStatus(p)));
    });
    (info.warnings || []).forEach((w) => ul.append(el('li', 'part-warning', w)));
    renderPictures();
    // the server says what it writes for this file (annotate: .docx .xlsx; clean: those, .pptx,
    // pictures, OpenDocument text and PDF as pictures of its pages)
    const writable = (doc && doc.writable) || {};
    $('annotate-btn').disabled = !(state.file && writable.annotate);
    $('clean-btn').disabled = !(state.file && writable.clean);
  }

  // ------------------------------------------------------------------ pictures with their boxes
  // Findings read in a picture (layer "image", box in the picture's pixels) are drawn over it,
  // coloured by category. The picture comes from the uploaded file: the file itself, or one of its
  // parts fetched from POST /v1/file/picture; shown as a data: URL (the page's CSP).
  function dataUrl(blob) {
    return new Promise((resolve, reject) => {
      const r = new FileReader();
      r.onload = () => resolve(r.result);
      r.onerror = () => reject(r.error);
      r.readAsDataURL(blob);
    });
  }

  async function pictureUrl(part) {
    const fd = new FormData();
    fd.append('file', state.file);
    fd.append('part', part);
    const resp = await api('POST', '/v1/file/picture', fd, true);
    return dataUrl(await resp.blob());
  }

  function drawBoxes(wrap, img, findings) {
    const w = img.naturalWidth, h = img.naturalHeight;
    if (!w || !h) return;
    findings.forEach((f) => {
      const [x0, y0, x1, y1] = f.location.box;
      const b = el('div', 'pic-box cat-' + f.category);
      b.dataset.fp = f.fingerprint;
      b.title = catLabel(f.category) + ' · ' + typeLabel(f.type) + '：' + f.text;
      b.style.left = (100 * x0 / w) + '%';
      b.style.top = (100 * y0 / h) + '%';
      b.style.width = (100 * (x1 - x0) / w) + '%';
      b.style.height = (100 * (y1 - y0) / h) + '%';
      if (f.fingerprint === state.selected) b.classList.add('selected');
      b.addEventListener('click', () => select(f.fingerprint));
      wrap.append(b);
    });
  }

  function renderPictures() {
    const box = $('pictures');
    box.replaceChildren();
    const byPart = new Map();
    state.items.forEach((f) => {
      const l = f.location;
      if (!l || l.layer !== 'image' || !Array.isArray(l.box) || (l.page !== null && l.page !== undefined)) return;
      if (!byPart.has(l.part)) byPart.set(l.part, []);
      byPart.get(l.part).push(f);
    });
    byPart.forEach((findings, part) => {
      const fig = el('figure', 'pic');
      const wrap = el('div', 'pic-wrap');
      const img = el('img');
      img.alt = '图片 ' + part;
      wrap.append(img);
      const cap = el('figcaption', 'small', '图片 ' + part + '：' + findings.length + ' 处问题（框出）');
      fig.dataset.part = part;
      fig.append(wrap, cap);
      box.append(fig);
      if (!state.file) { cap.textContent += ' · 重新上传文件后可显示图片'; img.hidden = true; return; }
      img.addEventListener('load', () => drawBoxes(wrap, img, findings));
      pictureUrl(part).then((url) => { img.src = url; })
        .catch((e) => { cap.textContent += ' · 图片无法显示：' + e.message; img.hidden = true; });
    });
  }

  const LAYER_TEXT = { body: '正文', header: '页眉', footer: '页脚', footnote: '脚注', comment: '批注', tracked_change: '修订',
    hidden: '隐藏内容', notes: '备注', metadata: '文件属性', embedded: '嵌入对象', image: '图片', redaction: '涂黑处' };

  async function downloadCopy(verb) {
    if (!state.file) { setStatus('请重新上传文件后再下载', true); return; }
    const fd = new FormData();
    fd.append('file', state.file);
    setStatus(verb === 'annotate' ? '正在生成批注版……' : '正在生成清理版……');
    try {
      const resp = await api('POST', '/v1/' + verb, fd, true);
      const blob = await resp.blob();
      const cd = resp.headers.get('Content-Disposition') || '';
      const m = cd.match(/filename\*=UTF-8''([^;]+)/);
      const a = el('a');
      a.href = URL.createObjectURL(blob);
      a.download = m ? decodeURIComponent(m[1]) : state.file.name;
      document.body.append(a);
      a.click();
      a.remove();
      let msg = (verb === 'annotate' ? '已生成批注版：' : '已生成清理版：') + a.download;
      if (verb === 'clean') {
        const left = resp.headers.get('X-Govscan-Remaining');
        msg += left === '0' ? '（复查：无待处理问题）' : '（复查：仍有 ' + left + ' 处需人工处理，如密级标志、表述问题）';
        const unread = resp.headers.get('X-Govscan-Not-Read');
        if (unread && unread !== '0') msg += '；另有 ' + unread + ' 张图片/页面超出识别预算未读取，其中内容未遮盖，请人工核对';
        if (state.file.name.toLowerCase().endsWith('.pdf')) msg += '；PDF 清理版每页为图片，不含文字层';
      }
      setStatus(msg);
    } catch (e) { setStatus(String(e.message || e), true); }
  }

  async function scanFile(file) {
    state.file = file;
    const fd = new FormData();
    fd.append('file', file);
    const docId = $('doc-id').value.trim() || file.name;
    fd.append('id', docId);
    $('doc-id').value = docId;
    setStatus('正在读取并审查 ' + file.name + ' ……');
    const res = await api('POST', '/v1/scan/file', fd);
    $('draft-input').value = res.text;
    show(res, res.text);
    setStatus('已审查上传的稿件：' + file.name);
  }

  async function loadScan(scanId) {
    setStatus('正在打开审查记录……');
    const res = await api('GET', '/v1/scans/' + encodeURIComponent(scanId));
    $('draft-input').value = res.text;
    if (res.id !== null && res.id !== undefined) $('doc-id').value = String(res.id);
    show(res, res.text);
    setStatus('已打开审查记录 ' + scanId);
  }

  function show(scan, text) {
    state.scan = scan;
    state.text = text;
    state.docId = scan.id !== null && scan.id !== undefined ? String(scan.id) : state.docId;
    const open = scan.findings.map((f) => Object.assign({}, f, { dismissed: false }));
    const supp = (scan.suppressed || []).map((f) => Object.assign({}, f, { dismissed: true }));
    state.items = open.concat(supp).sort((a, b) => a.utf16_start - b.utf16_start || a.utf16_end - b.utf16_end);
    if (scan.scan_id && location.pathname !== '/review/' + scan.scan_id) {
      history.replaceState(null, '', '/review/' + scan.scan_id);
    }
    $('result-card').hidden = false;
    $('list-card').hidden = false;
    $('signoff-card').hidden = !scan.scan_id;
    renderVerdict();
    renderLegend();
    renderFile(scan);
    renderDraft();
    renderList();
    renderSignoffs(scan.signoffs || []);
    const keep = state.selected && state.items.find((f) => f.fingerprint === state.selected);
    select(keep ? keep.fingerprint : null);
    if (scan.dismissals_unavailable) {
      setStatus('数据库暂时不可用：本次未能套用已有的误报标记，全部问题按未处理显示，请稍后重新审查', true);
    }
  }

  // ------------------------------------------------------------------ rendering
  function renderVerdict() {
    const scan = state.scan;
    const v = $('verdict');
    v.className = 'verdict v-' + scan.verdict;
    v.textContent = '结论：' + sevLabel(scan.verdict);
    const n = { block: 0, review: 0, info: 0 };
    scan.findings.forEach((f) => { n[f.severity] += 1; });
    const parts = ['共 ' + scan.findings.length + ' 处待处理（阻断 ' + n.block + ' · 复核 ' + n.review + ' · 提示 ' + n.info + '）'];
    if (scan.suppressed && scan.suppressed.length) parts.push('已忽略 ' + scan.suppressed.length + ' 处');
    parts.push('词库版本 ' + scan.lexicon_version);
    if (scan.scan_id) parts.push('扫描编号 ' + scan.scan_id.slice(0, 8));
    $('summary').textContent = parts.join(' · ');
  }

  function renderLegend() {
    const box = $('legend');
    box.replaceChildren();
    CATEGORIES.forEach((c) => {
      const count = state.scan.findings.filter((f) => f.category === c).length;
      const item = el('span', 'legend-item');
      item.dataset.category = c;
      item.append(el('span', 'swatch cat-' + c), document.createTextNode(catLabel(c) + '（' + count + '）'));
      box.append(item);
    });
    const d = el('span', 'legend-item');
    d.append(el('span', 'swatch dismissed'), document.createTextNode('已忽略（误报）'));
    box.append(d);
  }

  function primaryOf(cover) {
    return cover.slice().sort((a, b) =>
      (a.dismissed - b.dismissed) ||
      (SEV_RANK[b.severity] - SEV_RANK[a.severity]) ||
      ((a.utf16_end - a.utf16_start) - (b.utf16_end - b.utf16_start)))[0];
  }

  function renderDraft() {
    const text = state.text;
    const box = $('draft');
    box.replaceChildren();
    const items = state.items;
    const cuts = new Set([0, text.length]);
    items.forEach((f) => { cuts.add(f.utf16_start); cuts.add(f.utf16_end); });
    const pts = Array.from(cuts).sort((a, b) => a - b);
    const frag = document.createDocumentFragment();
    for (let i = 0; i < pts.length - 1; i++) {
      const a = pts[i], b = pts[i + 1];
      if (a >= b) continue;
      const seg = text.slice(a, b);
      const cover = items.filter((f) => f.utf16_start <= a && f.utf16_end >= b);
      if (!cover.length) { frag.append(document.createTextNode(seg)); continue; }
      const p = primaryOf(cover);
      const m = el('mark', 'hl cat-' + p.category + (p.dismissed ? ' dismissed' : '') + (cover.length > 1 ? ' multi' : ''), seg);
      m.dataset.fp = p.fingerprint;
      m.dataset.fps = cover.map((f) => f.fingerprint).join(' ');
      m.dataset.category = p.category;
      m.tabIndex = 0;
      frag.append(m);
    }
    box.append(frag);
  }

  function renderList() {
    const list = $('finding-list');
    list.replaceChildren();
    state.items.forEach((f, i) => {
      const li = el('li', f.dismissed ? 'dismissed' : '');
      li.dataset.fp = f.fingerprint;
      li.append(el('span', 'chip cat-' + f.category, typeLabel(f.type)),
        el('span', 'excerpt', f.text));
      const where = placeOf(f);
      if (where && f.location && f.location.layer !== 'body') li.append(el('span', 'where layer-' + f.location.layer, where));
      else if (where && f.location && typeof f.location === 'object' && (f.location.page || f.location.cell)) li.append(el('span', 'where', where));
      li.append(
        el('span', 'sev sev-' + f.severity, f.dismissed ? '已忽略' : sevLabel(f.severity)));
      list.append(li);
    });
    $('list-count').textContent = '（' + state.items.length + '）';
  }

  function renderSignoffs(list) {
    const ul = $('signoffs');
    ul.replaceChildren();
    list.forEach((s) => {
      const li = el('li', s.conclusion);
      li.textContent = localTime(s.created_at) + ' ' + s.reviewer + '：' +
        (s.conclusion === 'approve' ? '同意发布' : '退回修改') + (s.comment ? '（' + s.comment + '）' : '');
      ul.append(li);
    });
  }

  function find(fp) { return state.items.find((f) => f.fingerprint === fp); }

  function select(fp) {
    state.selected = fp;
    document.querySelectorAll('mark.hl.selected, .finding-list li.selected, .pic-box.selected').forEach((e) => e.classList.remove('selected'));
    if (fp) document.querySelectorAll('.pic-box[data-fp="' + CSS.escape(fp) + '"]').forEach((b) => b.classList.add('selected'));
    const f = fp && find(fp);
    $('dismiss-form').hidden = true;
    if (!f) { $('detail').hidden = true; return; }
    document.querySelectorAll('mark.hl').forEach((m) => {
      if (m.dataset.fps.split(' ').includes(fp)) m.classList.add('selected');
    });
    const li = document.querySelector('.finding-list li[data-fp="' + CSS.escape(fp) + '"]');
    if (li) { li.classList.add('selected'); li.scrollIntoView({ block: 'nearest' }); }
    $('detail').hidden = false;
    const chip = $('d-type');
    chip.className = 'chip cat-' + f.category;
    chip.textContent = catLabel(f.category) + ' · ' + typeLabel(f.type);
    const sev = $('d-sev');
    sev.className = 'sev sev-' + f.severity;
    sev.textContent = sevLabel(f.severity);
    $('d-text').textContent = f.text;
    $('d-message').textContent = f.message;
    $('d-basis').textContent = f.basis || '—';
    $('d-suggestion').textContent = f.suggestion === null || f.suggestion === undefined ? '（无替换建议，请人工修改）' : f.suggestion;
    $('d-rule').textContent = f.rule + ' · 置信度 ' + f.score.toFixed(2);
    const where = placeOf(f);
    $('d-where').textContent = where + (f.location && f.location.part ? '（' + f.location.part + '）' : '');
    $('d-where').hidden = !where;
    $('d-where-label').hidden = !where;
    $('d-dismissed').hidden = !f.dismissed;
    $('d-actions').hidden = f.dismissed;
    if (f.dismissed) {
      $('d-dismiss-reason').textContent = f.dismissal.reason || '';
      $('d-dismiss-by').textContent = (f.dismissal.reviewer || '') + ' · ' + localTime(f.dismissal.at);
    }
    $('apply-btn').disabled = f.suggestion === null || f.suggestion === undefined;
    $('dismiss-btn').disabled = !state.scan.scan_id;
  }

  // ------------------------------------------------------------------ tooltip
  function showTip(mark) {
    const fps = mark.dataset.fps.split(' ');
    const tip = $('tip');
    tip.replaceChildren();
    fps.map(find).filter(Boolean).forEach((f, i) => {
      if (i) tip.append(el('hr'));
      tip.append(el('b', null, typeLabel(f.type) + ' · ' + (f.dismissed ? '已忽略' : sevLabel(f.severity))), el('br'),
        document.createTextNode(f.message), el('br'),
        document.createTextNode('依据：' + (f.basis || '—')), el('br'),
        document.createTextNode('建议：' + (f.suggestion === null || f.suggestion === undefined ? '人工修改' : f.suggestion)));
    });
    tip.hidden = false;
    const r = mark.getBoundingClientRect();
    const left = Math.min(window.scrollX + r.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + 'px';
    tip.style.top = (window.scrollY + r.bottom + 6) + 'px';
  }
  function hideTip() { $('tip').hidden = true; }

  // ------------------------------------------------------------------ reviewer actions
  async function decide(action, reason) {
    const f = find(state.selected);
    if (!f || !state.scan.scan_id || !requireReviewer()) return null;
    const body = { fingerprint: f.fingerprint, action: action, reviewer: reviewer() };
    if (reason) body.reason = reason;
    return api('POST', '/v1/scans/' + state.scan.scan_id + '/decisions', body);
  }

  async function applySelected() {
    const f = find(state.selected);
    if (!f || f.suggestion === null || f.suggestion === undefined) return;
    if (state.scan.scan_id) {
      if (!requireReviewer()) return;
      await decide('apply');
    }
    const text = state.text;
    const next = text.slice(0, f.utf16_start) + f.suggestion + text.slice(f.utf16_end);
    $('draft-input').value = next;
    state.selected = null;
    await scanText(next);
    setStatus('已采纳建议「' + f.suggestion + '」并重新审查');
  }

  async function dismissSelected() {
    const reason = $('dismiss-reason').value.trim();
    if (!reason) { setStatus('请填写忽略理由', true); $('dismiss-reason').focus(); return; }
    const res = await decide('dismiss', reason);
    if (!res) return;
    $('dismiss-reason').value = '';
    show(res.scan, res.scan.text);
    setStatus('已标记为误报（同一稿件重新审查时保持忽略）');
  }

  async function restoreSelected() {
    const res = await decide('restore');
    if (!res) return;
    show(res.scan, res.scan.text);
    setStatus('已撤销忽略');
  }

  async function signOff() {
    if (!state.scan || !state.scan.scan_id || !requireReviewer()) return;
    const body = { reviewer: reviewer(), conclusion: $('conclusion').value };
    const comment = $('comment').value.trim();
    if (comment) body.comment = comment;
    await api('POST', '/v1/scans/' + state.scan.scan_id + '/review', body);
    const fresh = await api('GET', '/v1/scans/' + state.scan.scan_id);
    show(fresh, fresh.text);
    setStatus('审核意见已提交');
  }

  async function exportJson() {
    const resp = await api('GET', '/v1/scans/' + state.scan.scan_id + '/review', undefined, true);
    const blob = new Blob([await resp.text()], { type: 'application/json' });
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = 'review-' + state.scan.scan_id + '.json';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  async function exportHtml() {
    const w = window.open('about:blank', '_blank');
    const resp = await api('GET', '/v1/scans/' + state.scan.scan_id + '/review.html', undefined, true);
    const url = URL.createObjectURL(new Blob([await resp.text()], { type: 'text/html' }));
    if (w) w.location.href = url; else location.href = url;
  }

  // ------------------------------------------------------------------ wiring
  function guard(fn) {
    return async function () {
      try { await fn.apply(this, arguments); } catch (e) { setStatus('出错：' + e.message, true); }
    };
  }

  // A reviewer's own token names the reviewer ([service.reviewers]): the name field then shows
  // that name and cannot be edited; the audit trail records it, whatever is typed.
  async function identify() {
    const box = $('reviewer');
    let who = null;
    try { who = await api('GET', '/v1/whoami'); } catch (e) { return; }
    const approve = document.querySelector('#conclusion option[value="approve"]');
    if (approve) {  // service.approvers: only the supervising leader approves publication
      approve.disabled = !!(who && who.may_approve === false);
      approve.title = approve.disabled ? '仅主管领导可同意发布' : '';
      if (approve.disabled && $('conclusion').value === 'approve') $('conclusion').value = 'reject';
    }
    if (who && who.reviewer) {
      box.value = who.reviewer;
      box.readOnly = true;
      box.title = '由访问令牌确定的审核人';
    } else {
      if (box.readOnly) box.value = localStorage.getItem('govscan.reviewer') || '';
      box.readOnly = false;
      box.title = '';
    }
  }

  function init() {
    $('reviewer').value = localStorage.getItem('govscan.reviewer') || '';
    $('reviewer').addEventListener('change', () => {
      if (!$('reviewer').readOnly) localStorage.setItem('govscan.reviewer', reviewer());
    });
    $('token').addEventListener('change', () => {
      sessionStorage.setItem('govscan.token', $('token').value.trim());
      identify();
    });
    identify();
    $('scan-btn').addEventListener('click', guard(() => scanText($('draft-input').value)));
    $('new-btn').addEventListener('click', () => {
      $('draft-input').value = ''; $('doc-id').value = ''; state.docId = null; state.scan = null; state.selected = null;
      state.file = null;
      ['result-card', 'list-card', 'signoff-card', 'detail'].forEach((id) => { $(id).hidden = true; });
      history.replaceState(null, '', '/review');
      setStatus('');
    });
    $('doc-id').addEventListener('change', () => { state.docId = $('doc-id').value.trim() || null; });
    $('file').addEventListener('change', guard(async (e) => {
      const file = e.target.files[0];
      if (file) await scanFile(file);
      e.target.value = '';
    }));
    const draft = $('draft');
    draft.addEventListener('click', (e) => {
      const m = e.target.closest('mark.hl');
      if (m) select(m.dataset.fp);
    });
    draft.addEventListener('keydown', (e) => {
      const m = e.target.closest('mark.hl');
      if (m && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); select(m.dataset.fp); }
    });
    draft.addEventListener('mouseover', (e) => { const m = e.target.closest('mark.hl'); if (m) showTip(m); });
    draft.addEventListener('mouseout', (e) => { if (e.target.closest('mark.hl')) hideTip(); });
    draft.addEventListener('focusin', (e) => { const m = e.target.closest('mark.hl'); if (m) showTip(m); });
    draft.addEventListener('focusout', hideTip);
    $('finding-list').addEventListener('click', (e) => {
      const li = e.target.closest('li');
      if (!li) return;
      select(li.dataset.fp);
      const m = document.querySelector('mark.hl.selected');
      if (m) m.scrollIntoView({ block: 'nearest' });
    });
    $('apply-btn').addEventListener('click', guard(applySelected));
    $('dismiss-btn').addEventListener('click', () => { $('dismiss-form').hidden = false; $('dismiss-reason').focus(); });
    $('dismiss-cancel').addEventListener('click', () => { $('dismiss-form').hidden = true; });
    $('dismiss-confirm').addEventListener('click', guard(dismissSelected));
    $('restore-btn').addEventListener('click', guard(restoreSelected));
    $('signoff-btn').addEventListener('click', guard(signOff));
    $('annotate-btn').addEventListener('click', guard(() => downloadCopy('annotate')));
    $('clean-btn').addEventListener('click', guard(() => downloadCopy('clean')));
    $('export-json').addEventListener('click', guard(exportJson));
    $('export-html').addEventListener('click', guard(exportHtml));

    const m = location.pathname.match(/^\/review\/([0-9a-f]{32})\/?$/);
    if (m) guard(loadScan)(m[1]);
  }

  init();
})();
