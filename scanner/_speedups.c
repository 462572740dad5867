/* The views of a text in one pass over its characters (scanner/normalize.py, build_views).
 *
 * The NumPy implementation in normalize.py is the reference: it is what runs when this module was
 * not compiled (no C compiler at install time), and tests/test_speedups.py checks that both give
 * the same views. Here the same tables (the normalisation lookup table and the invisible and noise
 * masks, indexed by original code point) are read once per character, instead of some fifteen
 * NumPy calls per text whose fixed cost was half of the views' time on 640-character texts.
 *
 * views(text) -> (norm, vis, vis_map, dense, dense_map, dense_emap)
 *   norm       the length-preserving normalised text
 *   vis        norm without invisible characters, or None when there is none (vis is norm)
 *   vis_map    bytes of int64: vis index -> text index, or None
 *   dense      norm without noise, a run of one Han character (U+3400 and up) counted once, or
 *              None when dense is norm
 *   dense_map  bytes of int64: dense index -> text index of its first character, or None
 *   dense_emap bytes of int64: dense index -> text index after its run's last character, or None
 *              when no run was collapsed
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define MAX_CP 0x110000

static Py_buffer lut_buf, inv_buf, noise_buf;
static int have_tables = 0;

static PyObject *
set_tables(PyObject *self, PyObject *args)
{
    PyObject *lut, *inv, *noise;
    if (!PyArg_ParseTuple(args, "OOO", &lut, &inv, &noise))
        return NULL;
    Py_buffer a, b, c;
    if (PyObject_GetBuffer(lut, &a, PyBUF_C_CONTIGUOUS) < 0)
        return NULL;
    if (PyObject_GetBuffer(inv, &b, PyBUF_C_CONTIGUOUS) < 0) {
        PyBuffer_Release(&a);
        return NULL;
    }
    if (PyObject_GetBuffer(noise, &c, PyBUF_C_CONTIGUOUS) < 0) {
        PyBuffer_Release(&a);
        PyBuffer_Release(&b);
        return NULL;
    }
    if (a.len != (Py_ssize_t)(MAX_CP * sizeof(uint32_t)) || b.len != MAX_CP || c.len != MAX_CP) {
        PyBuffer_Release(&a);
        PyBuffer_Release(&b);
        PyBuffer_Release(&c);
        PyErr_SetString(PyExc_ValueError, "tables must be uint32[0x110000], bool[0x110000], bool[0x110000]");
        return NULL;
    }
    if (have_tables) {
        PyBuffer_Release(&lut_buf);
        PyBuffer_Release(&inv_buf);
        PyBuffer_Release(&noise_buf);
    }
    lut_buf = a;
    inv_buf = b;
    noise_buf = c;
    have_tables = 1;
    Py_RETURN_NONE;
}

static PyObject *
as_str(const Py_UCS4 *buf, Py_ssize_t n)
{
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buf, n);
}

static PyObject *
as_bytes(const int64_t *buf, Py_ssize_t n)
{
    return PyBytes_FromStringAndSize((const char *)buf, n * (Py_ssize_t)sizeof(int64_t));
}

static PyObject *
views(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "views() expects a str");
        return NULL;
    }
    if (!have_tables) {
        PyErr_SetString(PyExc_RuntimeError, "set_tables() was not called");
        return NULL;
    }
    const uint32_t *lut = (const uint32_t *)lut_buf.buf;
    const uint8_t *invisible = (const uint8_t *)inv_buf.buf;
    const uint8_t *noise = (const uint8_t *)noise_buf.buf;

    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);

    PyObject *result = NULL, *norm = NULL, *vis = NULL, *vis_map = NULL;
    PyObject *dense = NULL, *dense_map = NULL, *dense_emap = NULL;
    size_t cells = (size_t)(n ? n : 1);
    Py_UCS4 *nbuf = PyMem_Malloc(cells * sizeof(Py_UCS4));
    Py_UCS4 *dbuf = PyMem_Malloc(cells * sizeof(Py_UCS4));
    int64_t *dmap = PyMem_Malloc(cells * sizeof(int64_t));
    Py_UCS4 *vbuf = NULL, *cbuf = NULL;
    int64_t *vmap = NULL, *cmap = NULL, *cemap = NULL;
    if (!nbuf || !dbuf || !dmap) {
        PyErr_NoMemory();
        goto done;
    }

    /* one pass: norm, the dense characters (noise out) and their positions, invisible count */
    Py_ssize_t k = 0, ninv = 0;
#define PASS(T)                                                   \
    {                                                             \
        const T *s = (const T *)data;                             \
        for (Py_ssize_t i = 0; i < n; i++) {                      \
            Py_UCS4 c = s[i];                                     \
            Py_UCS4 nc = lut[c];                                  \
            nbuf[i] = nc;                                         \
            ninv += invisible[c];                                 \
            if (!noise[c]) {                                      \
                dbuf[k] = nc;                                     \
                dmap[k] = i;                                      \
                k++;                                              \
            }                                                     \
        }                                                         \
    }
    if (kind == PyUnicode_1BYTE_KIND)
        PASS(Py_UCS1)
    else if (kind == PyUnicode_2BYTE_KIND)
        PASS(Py_UCS2)
    else
        PASS(Py_UCS4)
#undef PASS

    norm = as_str(nbuf, n);
    if (!norm)
        goto done;

    if (ninv) {
        Py_ssize_t m = 0;
        vbuf = PyMem_Malloc(cells * sizeof(Py_UCS4));
        vmap = PyMem_Malloc(cells * sizeof(int64_t));
        if (!vbuf || !vmap) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t i = 0; i < n; i++) {
            if (!invisible[PyUnicode_READ(kind, data, i)]) {
                vbuf[m] = nbuf[i];
                vmap[m] = i;
                m++;
            }
        }
        if (!(vis = as_str(vbuf, m)) || !(vis_map = as_bytes(vmap, m)))
            goto done;
    }
    else {
        vis = Py_NewRef(Py_None);
        vis_map = Py_NewRef(Py_None);
    }

    /* a run of one Han character counts once (not digits or letters: 1100, kkk) */
    int collapse = 0;
    for (Py_ssize_t j = 1; j < k; j++) {
        if (dbuf[j] == dbuf[j - 1] && dbuf[j] >= 0x3400) {
            collapse = 1;
            break;
        }
    }
    int has_noise = k != n;
    if (!collapse) {
        if (has_noise) {
            if (!(dense = as_str(dbuf, k)) || !(dense_map = as_bytes(dmap, k)))
                goto done;
        }
        else {
            dense = Py_NewRef(Py_None);
            dense_map = Py_NewRef(Py_None);
        }
        dense_emap = Py_NewRef(Py_None);
    }
    else {
        Py_ssize_t r = 0;
        cbuf = PyMem_Malloc(cells * sizeof(Py_UCS4));
        cmap = PyMem_Malloc(cells * sizeof(int64_t));
        cemap = PyMem_Malloc(cells * sizeof(int64_t));
        if (!cbuf || !cmap || !cemap) {
            PyErr_NoMemory();
            goto done;
        }
        for (Py_ssize_t j = 0; j < k; j++) {
            if (j == 0 || dbuf[j] != dbuf[j - 1] || dbuf[j] < 0x3400) {
                if (r)
                    cemap[r - 1] = dmap[j - 1] + 1;
                cbuf[r] = dbuf[j];
                cmap[r] = dmap[j];
                r++;
            }
        }
        cemap[r - 1] = dmap[k - 1] + 1;
        if (!(dense = as_str(cbuf, r)) || !(dense_map = as_bytes(cmap, r)) || !(dense_emap = as_bytes(cemap, r)))
            goto done;
    }
    result = PyTuple_Pack(6, norm, vis, vis_map, dense, dense_map, dense_emap);

done:
    Py_XDECREF(norm);
    Py_XDECREF(vis);
    Py_XDECREF(vis_map);
    Py_XDECREF(dense);
    Py_XDECREF(dense_map);
    Py_XDECREF(dense_emap);
    PyMem_Free(nbuf);
    PyMem_Free(dbuf);
    PyMem_Free(dmap);
    PyMem_Free(vbuf);
    PyMem_Free(vmap);
    PyMem_Free(cbuf);
    PyMem_Free(cmap);
    PyMem_Free(cemap);
    return result;
}

/* fold(text, mode): one view of a short string without the maps: 0 the norm view (normalize()),
 * 1 normalised with noise out (dense_runs()), 2 that with a run of one Han character counted once
 * (dense()); the same tables and rules as views(), for callers that fold a term or a hit's span
 * and need no NumPy (normalize.py's NumPy versions stay the reference). */
static PyObject *
fold(PyObject *self, PyObject *args)
{
    PyObject *arg;
    int mode;
    if (!PyArg_ParseTuple(args, "Ui", &arg, &mode))
        return NULL;
    if (!have_tables) {
        PyErr_SetString(PyExc_RuntimeError, "set_tables() was not called");
        return NULL;
    }
    const uint32_t *lut = (const uint32_t *)lut_buf.buf;
    const uint8_t *noise = (const uint8_t *)noise_buf.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_UCS4 *buf = PyMem_Malloc((size_t)(n ? n : 1) * sizeof(Py_UCS4));
    if (!buf)
        return PyErr_NoMemory();
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (mode && noise[c])
            continue;
        Py_UCS4 nc = lut[c];
        if (mode == 2 && k && nc == buf[k - 1] && nc >= 0x3400)
            continue;
        buf[k++] = nc;
    }
    PyObject *out = as_str(buf, k);
    PyMem_Free(buf);
    return out;
}

/* gates.separated_runs: runs of single Han characters with one separator between each (法，轮，功)
 * in norm, as a list of (first, last) indexes. The same walk as the Python one, which a regular
 * expression opened (a character class at every position: ~10 ns a character). */
static inline int
is_sep(Py_UCS4 c)
{
    switch (c) {
    case 0x3002: case 0x3001: case 0x2026: case 0x2025: case ',': case '.': case ';': case ':': case '!':
    case '?': case 0xFF0C: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F:
        return 1;
    default:
        return 0;
    }
}

static inline int
is_han(Py_UCS4 c)
{
    return c >= 0x3400 && c <= 0x9FFF;
}

/* FN##_ucs1/2/4(typed text, ...) for the kind of a str's data: the walks below are written once
 * (a macro each) and compiled per kind */
#define BY_KIND(kind, data, FN, ...)                                                                \
    ((kind) == PyUnicode_1BYTE_KIND   ? FN##_ucs1((const Py_UCS1 *)(data), __VA_ARGS__)            \
     : (kind) == PyUnicode_2BYTE_KIND ? FN##_ucs2((const Py_UCS2 *)(data), __VA_ARGS__)            \
                                      : FN##_ucs4((const Py_UCS4 *)(data), __VA_ARGS__))

/* the walk, once per string kind (a typed pointer instead of PyUnicode_READ's switch on the kind
 * at every character: the loop runs ~3x faster); appends (first, last) pairs to out */
#define SEPARATED_WALK(NAME, T)                                                                    \
    static int NAME(const T *s, Py_ssize_t n, PyObject *out)                                      \
    {                                                                                              \
        Py_ssize_t i = 0;                                                                          \
        while (i + 2 < n) {                                                                        \
            if (!(is_sep(s[i]) && is_han(s[i + 1]) && is_sep(s[i + 2]))) {                         \
                i++;                                                                               \
                continue;                                                                          \
            }                                                                                      \
            Py_ssize_t base = (i > 0 && is_han(s[i - 1])) ? i - 1 : i + 1;                         \
            Py_ssize_t p = base;                                                                   \
            while (p + 2 < n && is_sep(s[p + 1]) && is_han(s[p + 2]))                              \
                p += 2;                                                                            \
            if (p > base) {                                                                        \
                PyObject *t = Py_BuildValue("(nn)", base, p);                                      \
                if (!t || PyList_Append(out, t) < 0) {                                             \
                    Py_XDECREF(t);                                                                 \
                    return -1;                                                                     \
                }                                                                                  \
                Py_DECREF(t);                                                                      \
            }                                                                                      \
            i = p + 1;                                                                             \
        }                                                                                          \
        return 0;                                                                                  \
    }
SEPARATED_WALK(separated_ucs1, Py_UCS1)
SEPARATED_WALK(separated_ucs2, Py_UCS2)
SEPARATED_WALK(separated_ucs4, Py_UCS4)

static PyObject *
separated_runs(PyObject *self, PyObject *arg)
{
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "separated_runs() expects a str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    PyObject *out = PyList_New(0);
    if (!out)
        return NULL;
    if (kind == PyUnicode_1BYTE_KIND)
        return out; /* no Han character */
    if (BY_KIND(kind, data, separated, n, out) < 0) {
        Py_DECREF(out);
        return NULL;
    }
    return out;
}

/* wide_runs(dense_map, dense_emap, limit, wider=2): the first `limit` dense indexes whose characters
 * span more than `wider` characters of the text (wider=2: a character written three times, or twice
 * around noise; wider=1: any repeat): np.flatnonzero(emap - map > wider)[:limit] without NumPy's fixed
 * cost a call (gates.repeats). */
static PyObject *
wide_runs(PyObject *self, PyObject *args)
{
    PyObject *mo, *eo;
    Py_ssize_t limit, wider = 2;
    if (!PyArg_ParseTuple(args, "OOn|n", &mo, &eo, &limit, &wider))
        return NULL;
    Py_buffer m, e;
    if (PyObject_GetBuffer(mo, &m, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return NULL;
    if (PyObject_GetBuffer(eo, &e, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        PyBuffer_Release(&m);
        return NULL;
    }
    PyObject *out = NULL;
    if (m.itemsize != 8 || e.itemsize != 8 || m.len != e.len || !m.format || !e.format
            || (strcmp(m.format, "q") && strcmp(m.format, "l")) || (strcmp(e.format, "q") && strcmp(e.format, "l"))) {
        PyErr_SetString(PyExc_ValueError, "wide_runs() expects two int64 arrays of one length");
        goto done;
    }
    const int64_t *mp = (const int64_t *)m.buf, *ep = (const int64_t *)e.buf;
    Py_ssize_t count = m.len / 8;
    out = PyList_New(0);
    if (!out)
        goto done;
    for (Py_ssize_t i = 0; i < count && PyList_GET_SIZE(out) < limit; i++) {
        if (ep[i] - mp[i] > wider) {
            PyObject *v = PyLong_FromSsize_t(i);
            if (!v || PyList_Append(out, v) < 0) {
                Py_XDECREF(v);
                Py_CLEAR(out);
                goto done;
            }
            Py_DECREF(v);
        }
    }
done:
    PyBuffer_Release(&m);
    PyBuffer_Release(&e);
    return out;
}

/* Gates over a class table: bytes of 0x110000, one per code point (speedups.class_table). */
static int
get_table(PyObject *obj, Py_buffer *buf)
{
    if (PyObject_GetBuffer(obj, buf, PyBUF_SIMPLE) < 0)
        return -1;
    if (buf->len != MAX_CP) {
        PyBuffer_Release(buf);
        PyErr_SetString(PyExc_ValueError, "a class table is 0x110000 bytes, one per code point");
        return -1;
    }
    return 0;
}

/* a text and a class table read together by the gates below */
typedef struct {
    Py_buffer tb;
    const uint8_t *t;
    Py_ssize_t n;
    int kind;
    const void *data;
} classed_text;

static int
open_classed(PyObject *text, PyObject *tobj, classed_text *c)
{
    if (get_table(tobj, &c->tb) < 0)
        return -1;
    c->t = (const uint8_t *)c->tb.buf;
    c->n = PyUnicode_GET_LENGTH(text);
    c->kind = PyUnicode_KIND(text);
    c->data = PyUnicode_DATA(text);
    return 0;
}

/* has_run(text, table, min_len): whether a run of at least min_len characters whose table values
 * are non-zero holds one whose value is 2 (pii: a phone or ID number written in other digit styles,
 * ①③⑧…, 一三九…: the styled-run pattern runs only where such a run is). */
#define HAS_RUN_WALK(NAME, T)                                                                      \
    static int NAME(const T *s, Py_ssize_t n, const uint8_t *t, Py_ssize_t min_len)               \
    {                                                                                              \
        Py_ssize_t run = 0;                                                                        \
        int marked = 0;                                                                            \
        for (Py_ssize_t i = 0; i < n; i++) {                                                       \
            uint8_t v = t[s[i]];                                                                   \
            if (v) {                                                                               \
                run++;                                                                             \
                marked |= v == 2;                                                                  \
                if (marked && run >= min_len)                                                      \
                    return 1;                                                                      \
            }                                                                                      \
            else {                                                                                 \
                run = 0;                                                                           \
                marked = 0;                                                                        \
            }                                                                                      \
        }                                                                                          \
        return 0;                                                                                  \
    }
HAS_RUN_WALK(has_run_ucs1, Py_UCS1)
HAS_RUN_WALK(has_run_ucs2, Py_UCS2)
HAS_RUN_WALK(has_run_ucs4, Py_UCS4)

static PyObject *
has_run(PyObject *self, PyObject *args)
{
    PyObject *text, *tobj;
    Py_ssize_t min_len;
    classed_text c;
    if (!PyArg_ParseTuple(args, "UOn", &text, &tobj, &min_len) || open_classed(text, tobj, &c) < 0)
        return NULL;
    int found = BY_KIND(c.kind, c.data, has_run, c.n, c.t, min_len);
    PyBuffer_Release(&c.tb);
    return PyBool_FromLong(found);
}

/* has_pair(text, table): whether a character with bit 1 in the table is followed by one with bit 2
 * (names: an address's house number, [0-9a-z-] before 号/栋/幢/座). */
#define HAS_PAIR_WALK(NAME, T)                                                                     \
    static int NAME(const T *s, Py_ssize_t n, const uint8_t *t)                                   \
    {                                                                                              \
        uint8_t prev = 0;                                                                          \
        for (Py_ssize_t i = 0; i < n; i++) {                                                       \
            uint8_t v = t[s[i]];                                                                   \
            if ((prev & 1) && (v & 2))                                                             \
                return 1;                                                                          \
            prev = v;                                                                              \
        }                                                                                          \
        return 0;                                                                                  \
    }
HAS_PAIR_WALK(has_pair_ucs1, Py_UCS1)
HAS_PAIR_WALK(has_pair_ucs2, Py_UCS2)
HAS_PAIR_WALK(has_pair_ucs4, Py_UCS4)

static PyObject *
has_pair(PyObject *self, PyObject *args)
{
    PyObject *text, *tobj;
    classed_text c;
    if (!PyArg_ParseTuple(args, "UO", &text, &tobj) || open_classed(text, tobj, &c) < 0)
        return NULL;
    int found = BY_KIND(c.kind, c.data, has_pair, c.n, c.t);
    PyBuffer_Release(&c.tb);
    return PyBool_FromLong(found);
}

/* pair_between(text, table): the positions of characters with bit 2 in the table between two with
 * bit 1, as a list (matcher._edge_places: a lone 0 or x between two Han characters, 弹簧0提供) */
#define BETWEEN_WALK(NAME, T)                                                                      \
    static int NAME(const T *s, Py_ssize_t n, const uint8_t *t, PyObject *out)                    \
    {                                                                                              \
        for (Py_ssize_t i = 1; i + 1 < n; i++) {                                                   \
            if ((t[s[i]] & 2) && (t[s[i - 1]] & 1) && (t[s[i + 1]] & 1)) {                         \
                PyObject *v = PyLong_FromSsize_t(i);                                               \
                if (!v || PyList_Append(out, v) < 0) {                                             \
                    Py_XDECREF(v);                                                                 \
                    return -1;                                                                     \
                }                                                                                  \
                Py_DECREF(v);                                                                      \
            }                                                                                      \
        }                                                                                          \
        return 0;                                                                                  \
    }
BETWEEN_WALK(between_ucs1, Py_UCS1)
BETWEEN_WALK(between_ucs2, Py_UCS2)
BETWEEN_WALK(between_ucs4, Py_UCS4)

static PyObject *
pair_between(PyObject *self, PyObject *args)
{
    PyObject *text, *tobj;
    classed_text c;
    if (!PyArg_ParseTuple(args, "UO", &text, &tobj) || open_classed(text, tobj, &c) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    if (!out || BY_KIND(c.kind, c.data, between, c.n, c.t, out) < 0) {
        Py_XDECREF(out);
        out = NULL;
    }
    PyBuffer_Release(&c.tb);
    return out;
}

/* name_candidates(text, flags, given, translit): sensitive.SensitiveLinker._candidates in one pass
 * (its NumPy version is the reference and documents the rule): positions where a surname is
 * followed by given-name characters, outside transliterations. flags, given and translit are
 * uint8 tables of 0x110000 (the linker's flag table and the name model's buckets). */
enum { F_SUR = 1, F_FN = 2, F_BOUND = 4, F_G7 = 8, F_G6 = 16, F_T10 = 32 };

static PyObject *
name_candidates(PyObject *self, PyObject *args)
{
    PyObject *text, *fo, *go, *to;
    if (!PyArg_ParseTuple(args, "UOOO", &text, &fo, &go, &to))
        return NULL;
    Py_buffer fb, gb, tb;
    if (get_table(fo, &fb) < 0)
        return NULL;
    if (get_table(go, &gb) < 0) {
        PyBuffer_Release(&fb);
        return NULL;
    }
    if (get_table(to, &tb) < 0) {
        PyBuffer_Release(&fb);
        PyBuffer_Release(&gb);
        return NULL;
    }
    const uint8_t *flags = fb.buf, *given = gb.buf, *translit = tb.buf;
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    PyObject *out = PyList_New(0);
#define CP(i) PyUnicode_READ(kind, data, (i))
#define FL(i) ((i) < 0 ? F_BOUND : (i) >= n ? (F_BOUND | F_FN) : flags[CP(i)])
    for (Py_ssize_t k = 0; out && k < n; k++) {
        uint8_t cur = flags[CP(k)];
        if (!(cur & F_SUR))
            continue;
        uint8_t nxt = FL(k + 1);
        if ((nxt & (F_BOUND | F_G7)) != F_G7)
            continue;
        uint8_t prv = FL(k - 1), nx2 = FL(k + 2);
        if (!(((nx2 & (F_G6 | F_FN)) | (prv & F_BOUND))))
            continue;
        if ((prv & nxt & F_T10) && !(prv & F_BOUND)) { /* inside a transliteration? (k >= 1, k + 1 < n here) */
            Py_UCS4 a = CP(k - 1), b = CP(k + 1);
            if (translit[a] > given[a] && translit[b] >= given[b])
                continue;
        }
        PyObject *v = PyLong_FromSsize_t(k);
        if (!v || PyList_Append(out, v) < 0)
            Py_CLEAR(out);
        Py_XDECREF(v);
    }
#undef FL
#undef CP
    PyBuffer_Release(&fb);
    PyBuffer_Release(&gb);
    PyBuffer_Release(&tb);
    return out;
}

static PyObject *class_runs(PyObject *self, PyObject *args); /* (at the end of the file) */
static PyObject *fb_marginals(PyObject *self, PyObject *args);
static PyObject *topk_viterbi(PyObject *self, PyObject *args);
static PyObject *topk_viterbi_rows(PyObject *self, PyObject *args);
static PyObject *llr_best(PyObject *self, PyObject *args);
static PyObject *llr_tables(PyObject *self, PyObject *args);
static PyObject *llr_span(PyObject *self, PyObject *args);
static PyObject *viterbi_core(const int64_t *cand, const double *em, const double *trans, Py_ssize_t n, Py_ssize_t k, Py_ssize_t nt);

static PyMethodDef methods[] = {
    {"name_candidates", name_candidates, METH_VARARGS, "name_candidates(text, flags, given, translit) -> [position, ...]"},
    {"has_run", has_run, METH_VARARGS, "has_run(text, table, min_len) -> bool"},
    {"has_pair", has_pair, METH_VARARGS, "has_pair(text, table) -> bool"},
    {"pair_between", pair_between, METH_VARARGS, "pair_between(text, table) -> [position, ...]"},
    {"wide_runs", wide_runs, METH_VARARGS, "wide_runs(dense_map, dense_emap, limit, wider=2) -> [index, ...]"},
    {"separated_runs", separated_runs, METH_O, "separated_runs(norm) -> [(first, last), ...] (gates.separated_runs)"},
    {"set_tables", set_tables, METH_VARARGS, "set_tables(lut, invisible, noise): the normalisation tables"},
    {"views", views, METH_O, "views(text) -> (norm, vis, vis_map, dense, dense_map, dense_emap)"},
    {"fold", fold, METH_VARARGS, "fold(text, mode) -> norm (0), dense without collapsing (1), dense (2)"},
    {"class_runs", class_runs, METH_VARARGS, "class_runs(text, table, min_len) -> [(start, end), ...]"},
    {"fb_marginals", fb_marginals, METH_VARARGS, "fb_marginals(w, et, out, n, k): a linear-chain CRF's tag posteriors into out"},
    {"topk_viterbi", topk_viterbi, METH_VARARGS, "topk_viterbi(cand, em, trans, n, k, ntags) -> [tag id, ...]"},
    {"topk_viterbi_rows", topk_viterbi_rows, METH_VARARGS, "topk_viterbi_rows(order, em, trans, n, k, ntags) -> [tag id, ...]"},
    {"llr_tables", llr_tables, METH_VARARGS, "llr_tables(tables) -> the prohibited-content model's tables for llr_best (a capsule)"},
    {"llr_span", llr_span, METH_VARARGS, "llr_span(d, i, maxlen, prefilter, capsule) -> (score, start, end) (prohibited_model.CharLLR.best_span)"},
    {"llr_best", llr_best, METH_VARARGS, "llr_best(w, ii, maxlen, capsule) -> (score, start, end) (prohibited_model.CharLLR._best_in)"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_speedups", "The views of a text in one pass (see normalize.build_views).", -1, methods,
};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    return PyModule_Create(&module);
}

/* class_runs(text, table, min_len): the maximal runs of characters whose table values are non-zero,
 * at least min_len long and holding one whose value is 2 (has_run's runs, all of them), as (start,
 * end) pairs. A pattern whose matches are made only of a class's characters finds its matches
 * inside these runs: pii digit runs, names long numbers, compositional initials (its Python
 * reference: speedups.class_runs_py). */
#define CLASS_RUNS_WALK(NAME, T)                                                                   \
    static int NAME(const T *s, Py_ssize_t n, const uint8_t *t, Py_ssize_t min_len, PyObject *out) \
    {                                                                                              \
        Py_ssize_t i = 0;                                                                          \
        while (i < n) {                                                                            \
            if (!t[s[i]]) {                                                                        \
                i++;                                                                               \
                continue;                                                                          \
            }                                                                                      \
            Py_ssize_t start = i;                                                                  \
            int marked = 0;                                                                        \
            uint8_t v;                                                                             \
            while (i < n && (v = t[s[i]]) != 0) {                                                  \
                marked |= v == 2;                                                                  \
                i++;                                                                               \
            }                                                                                      \
            if (marked && i - start >= min_len) {                                                  \
                PyObject *pair = Py_BuildValue("(nn)", start, i);                                  \
                if (!pair || PyList_Append(out, pair) < 0) {                                       \
                    Py_XDECREF(pair);                                                              \
                    return -1;                                                                     \
                }                                                                                  \
                Py_DECREF(pair);                                                                   \
            }                                                                                      \
        }                                                                                          \
        return 0;                                                                                  \
    }
CLASS_RUNS_WALK(class_runs_ucs1, Py_UCS1)
CLASS_RUNS_WALK(class_runs_ucs2, Py_UCS2)
CLASS_RUNS_WALK(class_runs_ucs4, Py_UCS4)

static PyObject *
class_runs(PyObject *self, PyObject *args)
{
    PyObject *text, *tobj;
    Py_ssize_t min_len;
    classed_text c;
    if (!PyArg_ParseTuple(args, "UOn", &text, &tobj, &min_len) || open_classed(text, tobj, &c) < 0)
        return NULL;
    PyObject *out = PyList_New(0);
    if (!out || BY_KIND(c.kind, c.data, class_runs, c.n, c.t, min_len, out) < 0) {
        Py_XDECREF(out);
        out = NULL;
    }
    PyBuffer_Release(&c.tb);
    return out;
}

/* ------------------------------------------------------------------ the name models' small loops
 * Both person-name models end in a linear-chain CRF over a handful of tags (the character CRF of
 * name_tagger.py: 5; LAC's decoder in person_model.py: 59). Their Python/NumPy references loop
 * over the characters with a NumPy call or a Python list product at each step (~10 µs a
 * character); these are the same loops in C. */

/* a float64 or int64 C-contiguous buffer of `count` items (format checked), or -1 with an error */
static int
get_array(PyObject *obj, Py_buffer *buf, char kind, Py_ssize_t count, const char *what, int writable)
{
    if (PyObject_GetBuffer(obj, buf, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0)) < 0)
        return -1;
    const char *f = buf->format ? buf->format : "B";
    if (*f == '<' || *f == '=' || *f == '@')
        f++;
    int ok = buf->itemsize == 8 && buf->len == count * 8
             && (kind == 'd' ? strcmp(f, "d") == 0 : (strcmp(f, "q") == 0 || strcmp(f, "l") == 0));
    if (!ok) {
        PyBuffer_Release(buf);
        PyErr_Format(PyExc_ValueError, "%s: expected a C-contiguous %s array of %zd items", what,
                     kind == 'd' ? "float64" : "int64", count);
        return -1;
    }
    return 0;
}

/* fb_marginals(w, et, out, n, k): the posterior of each tag at each position of a linear-chain
 * CRF, by the forward-backward algorithm. w (n x k): exp of each position's emission scores (any
 * positive scale per row); et (k x k): exp of the transition scores, et[i][j] from tag i to j; out
 * (n x k, written): P(tag j at position t). alpha[0] = w[0], alpha[t] = (alpha[t-1] @ et) * w[t];
 * beta[n-1] = 1, beta[t-1] = et @ (w[t] * beta[t]); each message scaled to sum 1 at every step
 * (the scales cancel in the normalised product). References: person_model.marginals and
 * NameTagger.probabilities (NumPy). */
static PyObject *
fb_marginals(PyObject *self, PyObject *args)
{
    PyObject *wo, *eo, *oo;
    Py_ssize_t n, k;
    if (!PyArg_ParseTuple(args, "OOOnn", &wo, &eo, &oo, &n, &k))
        return NULL;
    if (n < 0 || k < 1 || k > 4096) {
        PyErr_SetString(PyExc_ValueError, "fb_marginals: bad shape");
        return NULL;
    }
    Py_buffer wb, eb, ob;
    if (get_array(wo, &wb, 'd', n * k, "fb_marginals w", 0) < 0)
        return NULL;
    if (get_array(eo, &eb, 'd', k * k, "fb_marginals et", 0) < 0) {
        PyBuffer_Release(&wb);
        return NULL;
    }
    if (get_array(oo, &ob, 'd', n * k, "fb_marginals out", 1) < 0) {
        PyBuffer_Release(&wb);
        PyBuffer_Release(&eb);
        return NULL;
    }
    const double *w = (const double *)wb.buf, *et = (const double *)eb.buf;
    double *out = (double *)ob.buf;
    double *b = PyMem_Malloc(sizeof(double) * 2 * k);
    if (!b) {
        PyBuffer_Release(&wb);
        PyBuffer_Release(&eb);
        PyBuffer_Release(&ob);
        return PyErr_NoMemory();
    }
    double *tmp = b + k;
    if (n > 0) {
        /* forward: out[t] = alpha[t], scaled to sum 1 */
        double s = 0;
        for (Py_ssize_t j = 0; j < k; j++)
            s += w[j];
        for (Py_ssize_t j = 0; j < k; j++)
            out[j] = w[j] / s;
        for (Py_ssize_t t = 1; t < n; t++) {
            const double *a = out + (t - 1) * k, *wt = w + t * k;
            double *o = out + t * k;
            for (Py_ssize_t j = 0; j < k; j++)
                o[j] = 0;
            for (Py_ssize_t i = 0; i < k; i++) {
                double ai = a[i];
                const double *row = et + i * k;
                for (Py_ssize_t j = 0; j < k; j++)
                    o[j] += ai * row[j];
            }
            s = 0;
            for (Py_ssize_t j = 0; j < k; j++) {
                o[j] *= wt[j];
                s += o[j];
            }
            for (Py_ssize_t j = 0; j < k; j++)
                o[j] /= s;
        }
        /* backward, multiplying each alpha by its beta and normalising the row */
        for (Py_ssize_t j = 0; j < k; j++)
            b[j] = 1.0;
        for (Py_ssize_t t = n - 1; t >= 0; t--) {
            double *o = out + t * k;
            s = 0;
            for (Py_ssize_t j = 0; j < k; j++) {
                o[j] *= b[j];
                s += o[j];
            }
            for (Py_ssize_t j = 0; j < k; j++)
                o[j] /= s;
            if (t == 0)
                break;
            const double *wt = w + t * k;
            for (Py_ssize_t j = 0; j < k; j++)
                tmp[j] = wt[j] * b[j];
            double bs = 0;
            for (Py_ssize_t i = 0; i < k; i++) {
                const double *row = et + i * k;
                double acc = 0;
                for (Py_ssize_t j = 0; j < k; j++)
                    acc += row[j] * tmp[j];
                b[i] = acc;
                bs += acc;
            }
            for (Py_ssize_t i = 0; i < k; i++)
                b[i] /= bs;
        }
    }
    PyMem_Free(b);
    PyBuffer_Release(&wb);
    PyBuffer_Release(&eb);
    PyBuffer_Release(&ob);
    Py_RETURN_NONE;
}

/* topk_viterbi(cand, em, trans, n, k, ntags): the best tag path when position t may take only the
 * tags cand[t][0..k) (int64, n x k) with emission scores em[t][0..k) (float64, n x k); trans
 * (float64, ntags x ntags). The same comparisons in the same order as the Python reference
 * (person_model._top_k_viterbi: the first best predecessor, the first best last tag), in doubles
 * as Python's floats: the same path. Returns a list of n tag ids. */
static PyObject *
topk_viterbi(PyObject *self, PyObject *args)
{
    PyObject *co, *eo, *to;
    Py_ssize_t n, k, nt;
    if (!PyArg_ParseTuple(args, "OOOnnn", &co, &eo, &to, &n, &k, &nt))
        return NULL;
    if (n < 1 || k < 1 || k > 64 || nt < 1) {
        PyErr_SetString(PyExc_ValueError, "topk_viterbi: bad shape");
        return NULL;
    }
    Py_buffer cb, eb, tb;
    if (get_array(co, &cb, 'q', n * k, "topk_viterbi cand", 0) < 0)
        return NULL;
    if (get_array(eo, &eb, 'd', n * k, "topk_viterbi em", 0) < 0) {
        PyBuffer_Release(&cb);
        return NULL;
    }
    if (get_array(to, &tb, 'd', nt * nt, "topk_viterbi trans", 0) < 0) {
        PyBuffer_Release(&cb);
        PyBuffer_Release(&eb);
        return NULL;
    }
    PyObject *out = viterbi_core((const int64_t *)cb.buf, (const double *)eb.buf, (const double *)tb.buf, n, k, nt);
    PyBuffer_Release(&cb);
    PyBuffer_Release(&eb);
    PyBuffer_Release(&tb);
    return out;
}

/* topk_viterbi's search on cand (n x k tag ids) and em (n x k their emission scores) */
static PyObject *
viterbi_core(const int64_t *cand, const double *em, const double *trans, Py_ssize_t n, Py_ssize_t k, Py_ssize_t nt)
{
    PyObject *out = NULL;
    unsigned char *back = PyMem_Malloc((size_t)n * k);
    double *score = PyMem_Malloc(sizeof(double) * 2 * k);
    if (!back || !score) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n * k; i++) {
        if (cand[i] < 0 || cand[i] >= nt) {
            PyErr_SetString(PyExc_ValueError, "topk_viterbi: a tag id out of range");
            goto done;
        }
    }
    double *cur = score, *nxt = score + k;
    for (Py_ssize_t j = 0; j < k; j++)
        cur[j] = em[j];
    for (Py_ssize_t t = 1; t < n; t++) {
        const int64_t *prev = cand + (t - 1) * k, *tags = cand + t * k;
        for (Py_ssize_t j = 0; j < k; j++) {
            double best = -1e30;
            int arg = 0;
            int64_t tj = tags[j];
            for (Py_ssize_t a = 0; a < k; a++) {
                double sc = cur[a] + trans[prev[a] * nt + tj];
                if (sc > best) {
                    best = sc;
                    arg = (int)a;
                }
            }
            nxt[j] = best + em[t * k + j];
            back[t * k + j] = (unsigned char)arg;
        }
        double *sw = cur;
        cur = nxt;
        nxt = sw;
    }
    Py_ssize_t j = 0;
    for (Py_ssize_t a = 1; a < k; a++)
        if (cur[a] > cur[j])
            j = a;
    out = PyList_New(n);
    if (!out)
        goto done;
    for (Py_ssize_t t = n - 1; t >= 0; t--) {
        PyObject *v = PyLong_FromLongLong(cand[t * k + j]);
        if (!v) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, t, v);
        if (t > 0)
            j = back[t * k + j];
    }
done:
    PyMem_Free(back);
    PyMem_Free(score);
    return out;
}

/* topk_viterbi_rows(order, em, trans, n, k, ntags) -> [tag id, ...]: topk_viterbi on the first k
 * tag ids of each row of order (n x ntags int64: np.argpartition(-em, k - 1, axis=1)) and their
 * scores in em (n x ntags, float32 or float64, read as doubles): the same path as topk_viterbi(
 * order[:, :k], take_along_axis(em, order[:, :k], 1).astype(float64), ...), without the gathers. */
static PyObject *
topk_viterbi_rows(PyObject *self, PyObject *args)
{
    PyObject *oo, *eo, *to;
    Py_ssize_t n, k, nt;
    if (!PyArg_ParseTuple(args, "OOOnnn", &oo, &eo, &to, &n, &k, &nt))
        return NULL;
    if (n < 1 || k < 1 || k > 64 || nt < k) {
        PyErr_SetString(PyExc_ValueError, "topk_viterbi_rows: bad shape");
        return NULL;
    }
    Py_buffer ob, eb, tb;
    if (get_array(oo, &ob, 'q', n * nt, "topk_viterbi_rows order", 0) < 0)
        return NULL;
    if (PyObject_GetBuffer(eo, &eb, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0) {
        PyBuffer_Release(&ob);
        return NULL;
    }
    const char *f = eb.format ? eb.format : "B";
    if (*f == '<' || *f == '=' || *f == '@')
        f++;
    int f32 = eb.itemsize == 4 && strcmp(f, "f") == 0;
    if (!(f32 || (eb.itemsize == 8 && strcmp(f, "d") == 0)) || eb.len != n * nt * eb.itemsize) {
        PyBuffer_Release(&ob);
        PyBuffer_Release(&eb);
        PyErr_Format(PyExc_ValueError, "topk_viterbi_rows em: expected a C-contiguous float32 or float64 array of %zd items",
                     n * nt);
        return NULL;
    }
    if (get_array(to, &tb, 'd', nt * nt, "topk_viterbi_rows trans", 0) < 0) {
        PyBuffer_Release(&ob);
        PyBuffer_Release(&eb);
        return NULL;
    }
    PyObject *out = NULL;
    const int64_t *order = (const int64_t *)ob.buf;
    int64_t *cand = PyMem_Malloc(sizeof(int64_t) * n * k);
    double *em = PyMem_Malloc(sizeof(double) * n * k);
    if (!cand || !em) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t t = 0; t < n; t++) {
        for (Py_ssize_t j = 0; j < k; j++) {
            int64_t c = order[t * nt + j];
            if (c < 0 || c >= nt) {
                PyErr_SetString(PyExc_ValueError, "topk_viterbi_rows: a tag id out of range");
                goto done;
            }
            cand[t * k + j] = c;
            em[t * k + j] = f32 ? (double)((const float *)eb.buf)[t * nt + c] : ((const double *)eb.buf)[t * nt + c];
        }
    }
    out = viterbi_core(cand, em, (const double *)tb.buf, n, k, nt);
done:
    PyMem_Free(cand);
    PyMem_Free(em);
    PyBuffer_Release(&ob);
    PyBuffer_Release(&eb);
    PyBuffer_Release(&tb);
    return out;
}


/* The prohibited-content model's window scorer (scanner/detectors/prohibited_model.py; its Python
 * reference is CharLLR._best_in_py, and the callers run the prefilter first, in Python).
 *
 * llr_tables(tables) -> capsule: tables = (p1, p2, p3, b1, b2, l3, l2, l1, l0, n_pos, n_bg, bg_lam,
 * vocab), the list model's uni-, bi- and trigram counts and the general model's uni- and bigram
 * counts (dicts of str -> int) and the constants, copied once into open-addressing hash tables keyed
 * by the code points of a key of 1, 2 or 3 characters (a key of another length cannot be found by
 * the scorer's look-ups and is left out).
 *
 * llr_best(w, ii, maxlen, capsule) -> (score, start, end): the best-scoring span of 2..maxlen
 * characters of the window w that holds w[ii], or (-inf, ii, ii + 1). Every probability and log-odds
 * is computed with the same operations in the same order as CharLLR._p_list, _p_general and llr (an
 * int / int is the division of two doubles, exact below 2**53), and the spans are summed in the same
 * order as _best_in_py: the same doubles, the same decisions (tests/test_prohibited_model.py compares
 * both on random windows). A window longer than 64 characters returns None (the Python path runs). */
#define LLR_MAXW 64

typedef struct {
    uint64_t *keys; /* key + 1; 0: empty */
    int64_t *vals;
    uint64_t mask;
} llr_map;

typedef struct {
    llr_map m[5];
    llr_map pos_u;    /* code point -> the bits of max(0, its context-free log-odds) */
    llr_map ordinary; /* packed pairs of the ordinary bigrams (value 1) */
    double pos_u_rest; /* the same for every other character */
    int has_span;      /* pos_u and ordinary given (llr_span may run) */
    double l3, l2, l1, l0, n_pos, n_bg, lam, vocab;
} llr_tab;

static inline uint64_t
llr_hash(uint64_t k)
{
    k ^= k >> 31;
    k *= 0x9E3779B97F4A7C15ULL;
    k ^= k >> 29;
    return k;
}

static inline int64_t
llr_get(const llr_map *m, uint64_t key)
{
    uint64_t k1 = key + 1, h = llr_hash(key) & m->mask;
    for (;;) {
        uint64_t got = m->keys[h];
        if (got == k1)
            return m->vals[h];
        if (got == 0)
            return 0;
        h = (h + 1) & m->mask;
    }
}

static void
llr_tab_free(PyObject *capsule)
{
    llr_tab *t = PyCapsule_GetPointer(capsule, "govscan.llr_tables");
    if (!t)
        return;
    for (int j = 0; j < 5; j++) {
        PyMem_Free(t->m[j].keys);
        PyMem_Free(t->m[j].vals);
    }
    PyMem_Free(t->pos_u.keys);
    PyMem_Free(t->pos_u.vals);
    PyMem_Free(t->ordinary.keys);
    PyMem_Free(t->ordinary.vals);
    PyMem_Free(t);
}

/* kind 0: a dict of str -> int count; 1: a dict of str -> float (its bits); 2: a set or frozenset
 * of str (value 1) */
static int
llr_fill(llr_map *m, PyObject *dict, Py_ssize_t klen, int kind)
{
    Py_ssize_t n = kind == 2 ? PySet_Size(dict) : PyDict_Size(dict), size = 16;
    if (n < 0)
        return -1;
    while (size < 2 * n + 2)
        size *= 2;
    m->keys = PyMem_Calloc(size, sizeof(uint64_t));
    m->vals = PyMem_Calloc(size, sizeof(int64_t));
    m->mask = (uint64_t)size - 1;
    if (!m->keys || !m->vals) {
        PyErr_NoMemory();
        return -1;
    }
    PyObject *it = kind == 2 ? PyObject_GetIter(dict) : NULL;
    if (kind == 2 && !it)
        return -1;
    Py_ssize_t pos = 0;
    PyObject *k = NULL, *v = NULL;
    for (;;) {
        int64_t c = 1;
        if (kind == 2) {
            Py_XDECREF(k);
            k = PyIter_Next(it);
            if (!k) {
                Py_DECREF(it);
                if (PyErr_Occurred())
                    return -1;
                break;
            }
        } else if (!PyDict_Next(dict, &pos, &k, &v))
            break;
        if (!PyUnicode_Check(k) || PyUnicode_GET_LENGTH(k) != klen)
            continue;
        if (kind == 0) {
            long long got = PyLong_AsLongLong(v);
            if (got == -1 && PyErr_Occurred())
                return -1;
            if (got < 0 || got > (1LL << 53)) {
                PyErr_SetString(PyExc_ValueError, "llr_tables: a count outside 0..2**53");
                return -1;
            }
            c = got;
        } else if (kind == 1) {
            double x = PyFloat_AsDouble(v);
            if (x == -1.0 && PyErr_Occurred())
                return -1;
            memcpy(&c, &x, sizeof c);
        }
        uint64_t key = 0;
        for (Py_ssize_t j = 0; j < klen; j++)
            key = (key << 21) | (uint64_t)PyUnicode_READ_CHAR(k, j);
        uint64_t h = llr_hash(key) & m->mask;
        while (m->keys[h] != 0 && m->keys[h] != key + 1)
            h = (h + 1) & m->mask;
        m->keys[h] = key + 1;
        m->vals[h] = c;
    }
    if (kind == 2)
        Py_XDECREF(k);
    return 0;
}

static PyObject *
llr_tables(PyObject *self, PyObject *args)
{
    PyObject *tab;
    if (!PyArg_ParseTuple(args, "O!", &PyTuple_Type, &tab))
        return NULL;
    Py_ssize_t size = PyTuple_GET_SIZE(tab);
    if (size != 13 && size != 16) {
        PyErr_SetString(PyExc_ValueError, "llr_tables: a tuple of 13 or 16");
        return NULL;
    }
    static const Py_ssize_t klen[5] = {1, 2, 3, 1, 2};
    for (int j = 0; j < 5; j++)
        if (!PyDict_Check(PyTuple_GET_ITEM(tab, j))) {
            PyErr_SetString(PyExc_TypeError, "llr_tables: the tables must be dicts");
            return NULL;
        }
    llr_tab *t = PyMem_Calloc(1, sizeof(llr_tab));
    if (!t)
        return PyErr_NoMemory();
    PyObject *capsule = PyCapsule_New(t, "govscan.llr_tables", llr_tab_free);
    if (!capsule) {
        PyMem_Free(t);
        return NULL;
    }
    for (int j = 0; j < 5; j++)
        if (llr_fill(&t->m[j], PyTuple_GET_ITEM(tab, j), klen[j], 0) < 0) {
            Py_DECREF(capsule);
            return NULL;
        }
    double c[8];
    for (int k = 0; k < 8; k++) {
        c[k] = PyFloat_AsDouble(PyTuple_GET_ITEM(tab, 5 + k));
        if (c[k] == -1.0 && PyErr_Occurred()) {
            Py_DECREF(capsule);
            return NULL;
        }
    }
    t->l3 = c[0], t->l2 = c[1], t->l1 = c[2], t->l0 = c[3];
    t->n_pos = c[4], t->n_bg = c[5], t->lam = c[6], t->vocab = c[7];
    if (size == 16) {
        PyObject *pu = PyTuple_GET_ITEM(tab, 13), *ord = PyTuple_GET_ITEM(tab, 15);
        if (!PyDict_Check(pu) || !PyAnySet_Check(ord)) {
            PyErr_SetString(PyExc_TypeError, "llr_tables: pos_u must be a dict, ordinary a set");
            Py_DECREF(capsule);
            return NULL;
        }
        t->pos_u_rest = PyFloat_AsDouble(PyTuple_GET_ITEM(tab, 14));
        if ((t->pos_u_rest == -1.0 && PyErr_Occurred()) || llr_fill(&t->pos_u, pu, 1, 1) < 0
            || llr_fill(&t->ordinary, ord, 2, 2) < 0) {
            Py_DECREF(capsule);
            return NULL;
        }
        t->has_span = 1;
    }
    return capsule;
}

/* the best span of the window of code points cp[0..n) for the anchor cp[ii] (n <= LLR_MAXW) */
static double
llr_core(const llr_tab *t, const uint64_t *cp, Py_ssize_t n, Py_ssize_t ii, Py_ssize_t m, Py_ssize_t *ra, Py_ssize_t *rb)
{
    int64_t p1c[LLR_MAXW], p2c[LLR_MAXW], p3c[LLR_MAXW], b1c[LLR_MAXW], b2c[LLR_MAXW];
    double u[LLR_MAXW], c1[LLR_MAXW], c2[LLR_MAXW];
    for (Py_ssize_t k = 0; k < n; k++) {
        p1c[k] = llr_get(&t->m[0], cp[k]);
        b1c[k] = llr_get(&t->m[3], cp[k]);
        p2c[k] = b2c[k] = p3c[k] = 0;
        if (k >= 1) {
            uint64_t k2 = (cp[k - 1] << 21) | cp[k];
            p2c[k] = llr_get(&t->m[1], k2);
            b2c[k] = llr_get(&t->m[4], k2);
            if (k >= 2)
                p3c[k] = llr_get(&t->m[2], (cp[k - 2] << 42) | k2);
        }
    }
    const double l3 = t->l3, l2 = t->l2, l1 = t->l1, lam = t->lam;
    const double base = t->l0 / t->vocab;
    for (Py_ssize_t k = 0; k < n; k++) {
        double uni = (double)p1c[k] / t->n_pos;
        double ug = ((double)b1c[k] + 0.5) / t->n_bg;
        /* no context: the bigram and trigram are the unigram; the general model its unigram */
        u[k] = log(base + l1 * uni + l2 * uni + l3 * uni) - log(ug);
        c1[k] = c2[k] = 0.0;
        if (k >= 1) {
            double bi = uni;
            if (p1c[k - 1])
                bi = (double)p2c[k] / (double)p1c[k - 1];
            double pg = ug;
            if (b1c[k - 1])
                pg = (1.0 - lam) * ug + lam * (double)b2c[k] / (double)b1c[k - 1];
            double lg = log(pg);
            c1[k] = log(base + l1 * uni + l2 * bi + l3 * bi) - lg;
            if (k >= 2) {
                double tri = bi;
                if (p2c[k - 1])
                    tri = (double)p3c[k] / (double)p2c[k - 1];
                c2[k] = log(base + l1 * uni + l2 * bi + l3 * tri) - lg;
            }
        }
    }
    double best = -INFINITY;
    Py_ssize_t ba = ii, bb = ii + 1;
    for (Py_ssize_t a = 0; a <= ii; a++) {
        if (a + 1 >= n)
            break;
        double total = u[a] + c1[a + 1];
        if (a + 2 > ii && total > best) {
            best = total;
            ba = a;
            bb = a + 2;
        }
        Py_ssize_t top = n < a + m ? n : a + m;
        for (Py_ssize_t b = a + 3; b <= top; b++) {
            total += c2[b - 1];
            if (b > ii && total > best) {
                best = total;
                ba = a;
                bb = b;
            }
        }
    }
    *ra = ba;
    *rb = bb;
    return best;
}

static PyObject *
llr_best(PyObject *self, PyObject *args)
{
    PyObject *w, *capsule;
    Py_ssize_t ii, m;
    if (!PyArg_ParseTuple(args, "UnnO", &w, &ii, &m, &capsule))
        return NULL;
    llr_tab *t = PyCapsule_GetPointer(capsule, "govscan.llr_tables");
    if (!t)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(w);
    if (n > LLR_MAXW || ii < 0 || ii >= n)
        Py_RETURN_NONE;
    int kind = PyUnicode_KIND(w);
    const void *data = PyUnicode_DATA(w);
    uint64_t cp[LLR_MAXW];
    for (Py_ssize_t k = 0; k < n; k++)
        cp[k] = PyUnicode_READ(kind, data, k);
    Py_ssize_t ba, bb;
    double best = llr_core(t, cp, n, ii, m, &ba, &bb);
    return Py_BuildValue("(dnn)", best, ba, bb);
}

static inline double
llr_pos_u(const llr_tab *t, uint64_t c)
{
    uint64_t k1 = c + 1, h = llr_hash(c) & t->pos_u.mask;
    for (;;) {
        uint64_t got = t->pos_u.keys[h];
        if (got == k1) {
            double x;
            memcpy(&x, &t->pos_u.vals[h], sizeof x);
            return x;
        }
        if (got == 0)
            return t->pos_u_rest;
        h = (h + 1) & t->pos_u.mask;
    }
}

#define LLR_HAN(c) ((c) >= 0x4E00 && (c) <= 0x9FFF)

/* llr_span(d, i, maxlen, prefilter, capsule) -> (score, start, end): CharLLR.best_span (its Python
 * reference _best_span_py, without the window memo): an anchor in an ordinary bigram on either
 * side, or whose characters' positive log-odds around it (d[i - maxlen + 1:i + maxlen]) or in its
 * Han window sum below the prefilter, is (-inf, i, i + 1); else the window's best span, offsets
 * into d. The sums are plain left-to-right additions, as Python's sum() of floats before 3.12 (the
 * caller uses this only there); None when the capsule has no prefilter tables or maxlen > 32. */
static PyObject *
llr_span(PyObject *self, PyObject *args)
{
    PyObject *d, *capsule;
    Py_ssize_t i, m;
    double prefilter;
    if (!PyArg_ParseTuple(args, "UnndO", &d, &i, &m, &prefilter, &capsule))
        return NULL;
    llr_tab *t = PyCapsule_GetPointer(capsule, "govscan.llr_tables");
    if (!t)
        return NULL;
    Py_ssize_t n = PyUnicode_GET_LENGTH(d);
    if (!t->has_span || m < 2 || 2 * m - 1 > LLR_MAXW || i < 0 || i >= n)
        Py_RETURN_NONE;
    int kind = PyUnicode_KIND(d);
    const void *data = PyUnicode_DATA(d);
    Py_ssize_t s0 = i - m + 1 > 0 ? i - m + 1 : 0, s1 = i + m < n ? i + m : n;
    uint64_t near[LLR_MAXW];
    for (Py_ssize_t k = s0; k < s1; k++)
        near[k - s0] = PyUnicode_READ(kind, data, k);
    const uint64_t *c = near - s0; /* c[k]: the code point of d[k], s0 <= k < s1 */
    if (i >= 1 && llr_get(&t->ordinary, (c[i - 1] << 21) | c[i]))
        goto none;
    if (i + 2 <= n && llr_get(&t->ordinary, (c[i] << 21) | c[i + 1]))
        goto none;
    if (prefilter > 0) {
        double sum = 0.0;
        for (Py_ssize_t k = s0; k < s1; k++)
            sum += llr_pos_u(t, c[k]);
        if (sum < prefilter)
            goto none;
    }
    Py_ssize_t lo = i, hi = i + 1;
    while (lo > i - m + 1 && lo > 0 && LLR_HAN(c[lo - 1]))
        lo--;
    while (hi < i + m && hi < n && LLR_HAN(c[hi]))
        hi++;
    if (hi - lo < 2)
        goto none;
    {
        double sum = 0.0; /* _best_in's own prefilter, over the window */
        for (Py_ssize_t k = lo; k < hi; k++)
            sum += llr_pos_u(t, c[k]);
        if (sum < prefilter)
            goto none;
    }
    {
        Py_ssize_t ba, bb;
        double best = llr_core(t, c + lo, hi - lo, i - lo, m, &ba, &bb);
        if (best > -INFINITY)
            return Py_BuildValue("(dnn)", best, lo + ba, lo + bb);
    }
none:
    return Py_BuildValue("(dnn)", -INFINITY, i, i + 1);
}
