"""The ASGI application: SPARQL protocol, saved-query API, dereferenceable IRIs, pages."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import parse_qs, quote

import pyoxigraph as ox
from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from mkgraph import resources
from mkgraph.errors import InputError
from mkgraph.rdf.namespaces import PREFIXES
from mkgraph.query import safety
from mkgraph.query.catalogue import shown_parameters
from mkgraph.serve import catalogue, conneg, pagedata, published, results
from mkgraph.serve.bodyguard import BodySizeGuard
from mkgraph.serve.config import ServeConfig
from mkgraph.serve.connguard import RequestLimit
from mkgraph.serve.httpsem import HttpSemantics
from mkgraph.serve.openapi import openapi_document
from mkgraph.serve.runner import POLL, Answer, Job, Runner
from mkgraph.serve.store import load, open_record

HERE = Path(__file__).parent
log = logging.getLogger("mkgraph.serve")
PREFIX_MAP = tuple(sorted((k, str(v)) for k, v in PREFIXES.items()))
# Media types of the graph files by suffix (the suffixes store.load reads); catalog.ttl is Turtle too.
# A .json graph file is read as JSON-LD, so it is served as JSON-LD.
DOWNLOAD_TYPES = {".nt": "application/n-triples", ".ttl": "text/turtle", ".nq": "application/n-quads",
                  ".trig": "application/trig", ".rdf": "application/rdf+xml", ".owl": "application/rdf+xml",
                  ".jsonld": "application/ld+json", ".json": "application/ld+json"}
KIND_ORDER = ("demand", "appeal", "offer", "commitment", "acknowledgement", "thanks", "criticism", "goal", "finding")


class Problem(Exception):
    """An HTTP error with a one-line message and links to what exists."""

    def __init__(self, status: int, message: str, links: list[tuple[str, str]] | None = None,
                 headers: dict[str, str] | None = None):
        self.status, self.message, self.links, self.headers = status, message, links or [], headers or {}
        super().__init__(message)


class Site:
    """What every route reads: the configuration, the pages' store, the saved queries, the
    query workers, and the helpers that answer (pages, problems, graphs, query results)."""

    def __init__(self, cfg: ServeConfig):
        self.cfg = cfg
        self.id_base = cfg.base_url + "id/"
        # the pages' store; user queries run in the workers' copies (or handles of cfg.store)
        self.store = open_record(cfg.store) if cfg.store else load(cfg.data)
        self.queries = catalogue.load(cfg.queries or resources.locate("queries"))
        self.sources = cfg.sources or resources.locate("sources")
        self.ontology_dir = resources.locate("ontology")
        self.shapes_dir = resources.locate("shapes")
        self.downloads = published.files(tuple(cfg.data), cfg.store)  # the build's files beside the served ones
        self.extra = published.Extra(self.store, self.downloads, self.id_base)  # catalogue IRIs, named graphs
        self.runner = Runner(tuple(cfg.data), cfg.workers, cfg.query_timeout,
                             store_dir=str(cfg.store) if cfg.store else None)
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.filters["local"] = self.local
        self.templates.env.globals["link"] = self.link
        self.templates.env.globals["base"] = cfg.base_url

    def local(self, iri: str | None) -> str:
        """A link that stays on this server for IRIs under the base; "" for an IRI that is
        not http(s) (javascript:, data: … must never become a link)."""
        if iri and iri.startswith(self.id_base):
            return "/id/" + iri[len(self.id_base):]
        return iri if iri and iri.lower().startswith(("http://", "https://")) else ""

    def link(self, iri: str | None, text=None) -> Markup:
        """<a> to an http(s) IRI (on this server when under the base); any other IRI as text."""
        shown = (iri or "") if text is None else text
        href = self.local(iri)
        return Markup('<a href="{}">{}</a>').format(href, shown) if href else escape(shown)

    def page(self, request: Request, name: str, code: int = 200, **ctx) -> HTMLResponse:
        return self.templates.TemplateResponse(request, name, ctx, status_code=code)

    def problem_response(self, request: Request, err: Problem) -> Response:
        links = err.links or [("/", "home"), ("/api/queries", "saved queries"), ("/sparql", "SPARQL endpoint")]
        if conneg.wants_html(request.headers.get("accept")):
            response = self.page(request, "error.html", err.status, status=err.status, message=err.message,
                                 links=links)
        else:
            response = JSONResponse({"error": err.message, "status": err.status,
                                     "links": [{"href": h, "title": t} for h, t in links]}, status_code=err.status)
        response.headers.update(err.headers)  # e.g. Allow on a 405
        return response

    def answer_response(self, a: Answer) -> Response:
        if a.status != 200:
            raise Problem(a.status, a.message)
        headers = {"Vary": "Accept"}
        if a.truncated:
            headers["MKGraph-Results-Truncated"] = str(self.cfg.max_results)
        media = a.media + ("; charset=utf-8" if a.media.startswith("text/") else "")
        return Response(a.body, media_type=media, headers=headers)

    async def run(self, job: Job, request: Request) -> Answer:
        """The job's answer; a client that goes away stops its query (and frees the worker)."""
        cancel = threading.Event()
        task = asyncio.ensure_future(run_in_threadpool(self.runner.run, job, cancel))
        try:
            while not (await asyncio.wait({task}, timeout=POLL))[0]:
                if await request.is_disconnected():
                    cancel.set()  # the runner kills the worker within POLL s; nobody reads the answer
            return task.result()
        except BaseException:  # cancelled (server shutdown): do not leave the query running
            cancel.set()
            raise

    async def checked(self, *texts: str | None) -> None:
        """Every query text before it runs: limits, no update, SERVICE only where allowed."""
        for text in texts:
            bad = text is not None and await run_in_threadpool(safety.problem, text, self.cfg.allow_services)
            if bad:
                raise Problem(*bad)

    def rdf_response(self, request: Request, triples) -> Response:
        fmt = tuple(request.query_params.getlist("format"))
        try:
            media = conneg.negotiate(request.headers.get("accept"), conneg.GRAPHS, fmt)
        except conneg.NotAcceptable as err:
            raise Problem(406, "not acceptable; " + str(err)) from None
        # Blank nodes only occur in the generated service description, never in the data.
        body = results.graph([t if isinstance(t, ox.Triple) else t.triple for t in triples], media, dict(PREFIX_MAP))
        return Response(body, media_type=media, headers={"Vary": "Accept"})

    def saved(self, name: str) -> catalogue.SavedQuery:
        if name not in self.queries:
            raise Problem(404, f"no saved query named {name!r}",
                          [(f"/api/queries/{n}", n) for n in self.queries] or [("/api/queries", "catalogue")])
        return self.queries[name]

    @staticmethod
    def curie(iri: str) -> str:
        for p, ns in PREFIX_MAP:
            if iri.startswith(ns):
                return p + ":" + iri[len(ns):]
        return iri

    def triples_page(self, request: Request, iri: str, label: str, triples) -> HTMLResponse:
        return self.page(request, "resource.html", iri=iri, label=label,
                         triples=sorted(triples, key=lambda t: (t.subject.value, t.predicate.value, str(t.object))),
                         incoming=[], curie=self.curie)


def create_app(cfg: ServeConfig) -> FastAPI:
    site = Site(cfg)

    @asynccontextmanager
    async def lifespan(_app):
        await run_in_threadpool(site.runner.start)
        try:
            yield
        finally:
            site.runner.stop()

    app = FastAPI(title="mkgraph", version="0.1.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None)  # Swagger UI loads from a CDN
    app.state.runner = site.runner
    app.state.store = site.store
    _error_handlers(app, site)
    _sparql_routes(app, site)
    _api_routes(app, site)
    _linked_data_routes(app, site)
    _file_routes(app, site)
    _page_routes(app, site)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    if cfg.store:
        app.add_middleware(_store_finished(site))
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["Accept"])
    app.add_middleware(BodySizeGuard, max_body=cfg.max_body, body_timeout=cfg.body_timeout)
    app.add_middleware(RequestLimit, limit=cfg.limit_concurrency)
    app.add_middleware(HttpSemantics)  # outermost: HEAD, Vary, Allow, CSP for every answer
    return app


def _store_finished(site: Site):
    """ASGI middleware: 503 while a record build updates the store in place (or was
    killed doing so), not answers from half the data."""
    from mkgraph.store.state import unfinished

    def store_finished(inner):
        # pure ASGI, not @app.middleware: starlette's BaseHTTPMiddleware keeps a client's
        # disconnect from the routes, and with it the stopping of abandoned queries
        async def check(scope, receive, send):
            dirty = scope["type"] == "http" and unfinished(site.cfg.store)
            if dirty:
                response = site.problem_response(Request(scope, receive), Problem(503, dirty))
                return await response(scope, receive, send)
            await inner(scope, receive, send)
        return check

    return store_finished


def _error_handlers(app: FastAPI, site: Site) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, err: Problem):
        return site.problem_response(request, err)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException):
        return site.problem_response(request, Problem(err.status_code, str(err.detail), headers=err.headers))

    @app.exception_handler(InputError)
    async def _input(request: Request, err: InputError):
        return site.problem_response(request, Problem(400, str(err)))

    @app.exception_handler(Exception)
    async def _crash(request: Request, err: Exception):
        log.exception("unhandled error on %s", request.url.path)  # the trace goes to the log only
        return site.problem_response(request, Problem(500, "internal error; it has been logged"))


# ---- SPARQL 1.1 Protocol -----------------------------------------------------------------
async def _sparql_params(request: Request) -> dict[str, list[str]]:
    params = {k: request.query_params.getlist(k) for k in request.query_params.keys()}
    if request.method == "POST":
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = (await request.body()).decode("utf-8", "replace")
        if ctype == "application/sparql-update":
            raise Problem(403, "this endpoint is read-only: SPARQL Update is not accepted")
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/x-www-form-urlencoded":
            for k, v in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
        else:
            raise Problem(415, "POST a query as application/sparql-query or as a form "
                               "(application/x-www-form-urlencoded) with query=")
    if "update" in params:
        raise Problem(403, "this endpoint is read-only: SPARQL Update is not accepted")
    return params


def _service_description(site: Site, request: Request) -> Response:
    endpoint = str(request.url_for("sparql"))
    # no blank nodes: the same answer byte for byte on every request (GET and HEAD alike);
    # SERVICE is refused, so sd:BasicFederatedQuery is not advertised
    sd = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
        <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>,
        <http://www.w3.org/ns/formats/JSON-LD>, <http://www.w3.org/ns/formats/RDF_XML> ;
    sd:defaultDataset <{endpoint}#dataset> .
<{endpoint}#dataset> a sd:Dataset ; sd:defaultGraph <{endpoint}#default-graph> .
<{endpoint}#default-graph> a sd:Graph ; void:triples {len(site.store)} .
"""
    return site.rdf_response(request, ox.parse(sd.encode(), format=ox.RdfFormat.TURTLE))


def _sparql_routes(app: FastAPI, site: Site) -> None:
    cfg = site.cfg

    @app.api_route("/sparql", methods=["GET", "POST"], include_in_schema=False)
    async def sparql(request: Request):
        params = await _sparql_params(request)
        accept = request.headers.get("accept")
        if "query" not in params:
            if conneg.wants_html(accept):
                return RedirectResponse("/query", status_code=303)
            return _service_description(site, request)
        if len(params["query"]) != 1:
            raise Problem(400, "give exactly one query parameter")
        query = params["query"][0]
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise Problem(400, "this endpoint has one default graph; default-graph-uri/named-graph-uri are not supported")
        await site.checked(query)
        fmt = tuple(params.get("format") or ())  # SPARQLWrapper sends several
        return site.answer_response(await site.run(
            Job(query, accept, fmt, max_results=cfg.max_results, prefixes=PREFIX_MAP), request))


# ---- saved queries as an API -------------------------------------------------------------
def _api_routes(app: FastAPI, site: Site) -> None:
    @app.get("/api/queries", summary="The catalogue of saved queries")
    def list_queries(request: Request):
        return {"queries": [{
            "name": q.name, "summary": q.summary, "description": q.description, "tags": list(q.tags),
            "href": f"/api/queries/{q.name}", "page": f"/query/{q.name}",
            "parameters": [{"name": p.name, "type": p.type, "required": p.required,
                            "description": p.description,
                            **({"example": p.example} if p.example is not None else {})}
                           for p in shown_parameters(q)]} for q in site.queries.values()]}

    @app.get("/api/queries/{name}", include_in_schema=False)
    async def run_saved(name: str, request: Request):
        q = site.saved(name)
        given = dict(request.query_params)
        text, probe, page = catalogue.prepare_paged(q, given, site.id_base)
        await site.checked(text, probe)
        job = Job(text, request.headers.get("accept"), tuple(request.query_params.getlist("format")), (),
                  site.cfg.max_results, PREFIX_MAP)
        response = site.answer_response(await site.run(job, request))
        if probe is not None:
            # grlc's way of saying there is more: a Link header to the next page
            more = await site.run(Job(probe, "application/sparql-results+json"), request)
            if more.status == 200 and json.loads(more.body).get("boolean"):
                nxt = request.url.include_query_params(page=page + 1)
                response.headers["Link"] = f'<{nxt.path}?{nxt.query}>; rel="next"'
        return response

    @app.get("/openapi.json", include_in_schema=False)
    def openapi():
        return JSONResponse(openapi_document(app, site.queries))


# ---- linked data -------------------------------------------------------------------------
def _linked_data_routes(app: FastAPI, site: Site) -> None:
    store = site.store

    @app.get("/id/{path:path}", include_in_schema=False)
    def dereference(path: str, request: Request):
        iri = site.id_base + quote(path, safe="/:@!$&'()*+,;=-._~%")
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise Problem(400, f"not a valid IRI: {iri}") from None
        html = conneg.wants_html(request.headers.get("accept"))
        if not pagedata.exists(store, iri):
            triples = site.extra.triples(iri)  # /id/catalog, /id/dataset/…, /id/graph/…
            if not triples:
                raise Problem(404, f"no resource {iri} in this graph",
                              [("/", "home")] + [(site.local(r["r"]), r["title"] or r["r"])
                                                 for r in pagedata.overview(store)["resolutions"]])
            return site.triples_page(request, iri, iri, triples) if html else site.rdf_response(request, triples)
        if not html:
            return site.rdf_response(request, pagedata.describe(store, iri))
        if pagedata.is_a(store, iri, "mk:Resolution"):
            return _resolution_page(site, request, iri)
        if pagedata.is_a(store, iri, "mk:Actor") or pagedata.is_a(store, iri, "mk:Land"):
            return site.page(request, "actor.html", a=pagedata.actor(store, iri) or {"iri": iri, "label": iri},
                             triples=sorted(pagedata.describe(store, iri),
                                            key=lambda t: (t.predicate.value, str(t.object))),
                             curie=site.curie)
        triples = sorted(pagedata.describe(store, iri), key=lambda t: (t.subject.value, t.predicate.value, str(t.object)))
        return site.page(request, "resource.html", iri=iri, label=pagedata.label(store, iri),
                         triples=triples, incoming=pagedata.incoming(store, iri), curie=site.curie)


def _resolution_page(site: Site, request: Request, iri: str):
    data = pagedata.resolution(site.store, iri)
    text = None
    if data.get("file") and (site.sources / data["file"]).is_file():
        text = (site.sources / data["file"]).read_text(encoding="utf-8")
    marks = data["marks"]
    kinds = sorted({m.kind: m.kind_label for m in marks}.items(),
                   key=lambda kv: KIND_ORDER.index(kv[0]) if kv[0] in KIND_ORDER else 99)
    return site.page(request, "resolution.html", r=data, marks=marks,
                     segments=pagedata.segments(text, marks, pagedata.paragraphs(site.store, iri)) if text else None,
                     addressees=sorted({a for m in marks for a in m.addressees}),
                     fields=sorted({m.field for m in marks if m.field}), kinds=kinds)


def _folder_answer(site: Site, request: Request, folder: Path, iri: str, label: str,
                   version: str | None = None) -> Response:
    files = sorted(p for p in folder.glob("*") if p.suffix in (".ttl", ".nt")) if folder.is_dir() else []
    if not files:
        raise Problem(404, f"no {label} here", [("/", "home")])
    triples = [q.triple for q in load(files)]
    if version is not None and not any(t.predicate.value == "http://www.w3.org/2002/07/owl#versionIRI"
                                       and t.object.value == version for t in triples):
        raise Problem(404, f"this server has another version of the {label} than {version}",
                      [("/ontology", label)])
    if conneg.wants_html(request.headers.get("accept")):
        return site.triples_page(request, iri, label, triples)
    return site.rdf_response(request, triples)


def _void(site: Site, request: Request) -> Response:
    cfg, store = site.cfg, site.store
    root = str(request.base_url)
    ds = cfg.base_url + "id/dataset/mkgraph"
    # the served files and the build's dumps beside them (not its catalogue or context)
    names = [n for n in site.downloads if n in {p.name for p in cfg.data} or n.startswith("dataset.")]
    dumps = " ".join(f"void:dataDump <{root}download/{n}> ;" for n in names)
    ttl = f"""@prefix void: <http://rdfs.org/ns/void#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<{ds}> a void:Dataset ; dcterms:title "mkgraph: resolutions of German minister conferences"@en ;
  void:sparqlEndpoint <{root}sparql> ; {dumps}
  void:uriSpace "{site.id_base}" ; void:triples {len(store)} ;
  void:vocabulary <https://w3id.org/mkgraph/ontology#> ."""
    triples = ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE)
    # The built catalogue (DCAT/VoID with linksets), when the build wrote one, is served with it.
    extra = [q.triple for q in store.quads_for_pattern(None, None, None)
             if q.subject.value.startswith(site.id_base + "dataset/")]
    return site.rdf_response(request, list(triples) + extra)


def _file_routes(app: FastAPI, site: Site) -> None:
    mk = str(PREFIXES["mk"])

    @app.get("/ontology", include_in_schema=False)
    def ontology(request: Request):
        return _folder_answer(site, request, site.ontology_dir, mk, "mkgraph ontology")

    @app.get("/ontology/{version}", include_in_schema=False)
    def ontology_version(version: str, request: Request):  # its owl:versionIRI, <…/ontology/0.1.0>
        return _folder_answer(site, request, site.ontology_dir, mk, "mkgraph ontology",
                              version="https://w3id.org/mkgraph/ontology/" + version)

    @app.get("/shapes", include_in_schema=False)
    @app.get("/shapes/", include_in_schema=False)
    def shapes(request: Request):  # <https://w3id.org/mkgraph/shapes#…>, the catalogue's conformsTo …/shapes/
        return _folder_answer(site, request, site.shapes_dir, "https://w3id.org/mkgraph/shapes#",
                              "mkgraph SHACL shapes")

    @app.get("/.well-known/void", include_in_schema=False)
    def void(request: Request):
        return _void(site, request)

    @app.get("/download/{name}", include_in_schema=False)
    def download(name: str):
        p = site.downloads.get(name)
        if p is None:
            raise Problem(404, f"no download named {name!r}", [(f"/download/{n}", n) for n in site.downloads])
        media = DOWNLOAD_TYPES.get(p.suffix.lower(), "application/octet-stream")
        return FileResponse(p, media_type=media, filename=p.name)

    @app.get("/context.jsonld", include_in_schema=False)
    def context():  # the JSON-LD context the exports are compacted with, at <base>context.jsonld
        return download("context.jsonld")


# ---- pages -------------------------------------------------------------------------------
DEFAULT_QUERY = ("PREFIX mk: <https://w3id.org/mkgraph/ontology#>\n"
                 "SELECT ?s ?kind WHERE { ?s mk:statementKind ?kind } LIMIT 20")


def _page_routes(app: FastAPI, site: Site) -> None:
    cfg = site.cfg

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return site.page(request, "home.html", o=pagedata.overview(site.store), queries=list(site.queries.values()),
                         downloads=list(site.downloads))

    @app.get("/query", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/query/{name}", response_class=HTMLResponse, include_in_schema=False)
    async def query_page(request: Request, name: str | None = None):
        q = site.saved(name) if name else None
        text = request.query_params.get("query") or (q.text if q else DEFAULT_QUERY)
        given = {k: v for k, v in request.query_params.items() if k != "query"}
        table, error = None, None
        if request.query_params.get("query") or (q and given.get("run")):
            try:
                hide: tuple[str, ...] = ()
                if q and not request.query_params.get("query"):
                    text, subs, hide = catalogue.prepare(q, given, site.id_base)
                else:
                    subs = ()
                await site.checked(text)
                a = await site.run(Job(text, "application/sparql-results+json", None, subs,
                                       min(cfg.max_results, 1000), hide=hide), request)
                if a.status != 200:
                    raise Problem(a.status, a.message)
                table = json.loads(a.body) if a.media == "application/sparql-results+json" else None
                if table is None:
                    error = "this page shows SELECT and ASK results; use /sparql for graphs"
            except (Problem, InputError) as err:
                error = getattr(err, "message", str(err))
        return site.page(request, "query.html", q=q, text=q.text if q else text, given=given, table=table,
                         error=error, queries=list(site.queries.values()), max_rows=min(cfg.max_results, 1000))
