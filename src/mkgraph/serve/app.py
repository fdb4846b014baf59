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
from mkgraph.query.catalogue import shown_parameters
from mkgraph.serve import catalogue, conneg, guard, pagedata, published, results
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


def create_app(cfg: ServeConfig) -> FastAPI:
    id_base = cfg.base_url + "id/"
    # the pages' store; user queries run in the workers' copies (or handles of cfg.store)
    store = open_record(cfg.store) if cfg.store else load(cfg.data)
    queries = catalogue.load(cfg.queries or resources.locate("queries"))
    sources = cfg.sources or resources.locate("sources")
    ontology_dir = resources.locate("ontology")
    shapes_dir = resources.locate("shapes")
    downloads = published.files(tuple(cfg.data), cfg.store)  # the build's files beside the served ones
    extra = published.Extra(store, downloads, id_base)  # the catalogue's IRIs and the named graphs
    runner = Runner(tuple(cfg.data), cfg.workers, cfg.query_timeout, store_dir=str(cfg.store) if cfg.store else None)

    @asynccontextmanager
    async def lifespan(_app):
        await run_in_threadpool(runner.start)
        try:
            yield
        finally:
            runner.stop()

    app = FastAPI(title="mkgraph", version="0.1.0", lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url=None)  # Swagger UI loads from a CDN
    app.state.runner = runner
    app.state.store = store
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    def local(iri: str | None) -> str:
        """A link that stays on this server for IRIs under the base; "" for an IRI that is
        not http(s) (javascript:, data: … must never become a link)."""
        if iri and iri.startswith(id_base):
            return "/id/" + iri[len(id_base):]
        return iri if iri and iri.lower().startswith(("http://", "https://")) else ""

    def link(iri: str | None, text=None) -> Markup:
        """<a> to an http(s) IRI (on this server when under the base); any other IRI as text."""
        shown = (iri or "") if text is None else text
        href = local(iri)
        return Markup('<a href="{}">{}</a>').format(href, shown) if href else escape(shown)

    templates.env.filters["local"] = local
    templates.env.globals["link"] = link
    templates.env.globals["base"] = cfg.base_url

    def page(request: Request, name: str, code: int = 200, **ctx) -> HTMLResponse:
        return templates.TemplateResponse(request, name, ctx, status_code=code)

    def problem_response(request: Request, err: Problem) -> Response:
        links = err.links or [("/", "home"), ("/api/queries", "saved queries"), ("/sparql", "SPARQL endpoint")]
        if conneg.wants_html(request.headers.get("accept")):
            response = page(request, "error.html", err.status, status=err.status, message=err.message, links=links)
        else:
            response = JSONResponse({"error": err.message, "status": err.status,
                                     "links": [{"href": h, "title": t} for h, t in links]}, status_code=err.status)
        response.headers.update(err.headers)  # e.g. Allow on a 405
        return response

    if cfg.store:
        from mkgraph.store.state import unfinished

        def store_finished(inner):
            # pure ASGI, not @app.middleware: starlette's BaseHTTPMiddleware keeps a client's
            # disconnect from the routes, and with it the stopping of abandoned queries
            async def guard(scope, receive, send):
                # a record build updating the store in place (or killed doing so): not half the data
                dirty = scope["type"] == "http" and unfinished(cfg.store)
                if dirty:
                    response = problem_response(Request(scope, receive), Problem(503, dirty))
                    return await response(scope, receive, send)
                await inner(scope, receive, send)
            return guard

        app.add_middleware(store_finished)

    @app.exception_handler(Problem)
    async def _problem(request: Request, err: Problem):
        return problem_response(request, err)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, err: StarletteHTTPException):
        return problem_response(request, Problem(err.status_code, str(err.detail), headers=err.headers))

    @app.exception_handler(InputError)
    async def _input(request: Request, err: InputError):
        return problem_response(request, Problem(400, str(err)))

    @app.exception_handler(Exception)
    async def _crash(request: Request, err: Exception):
        log.exception("unhandled error on %s", request.url.path)  # the trace goes to the log only
        return problem_response(request, Problem(500, "internal error; it has been logged"))

    def answer_response(a: Answer) -> Response:
        if a.status != 200:
            raise Problem(a.status, a.message)
        headers = {"Vary": "Accept"}
        if a.truncated:
            headers["MKGraph-Results-Truncated"] = str(cfg.max_results)
        media = a.media + ("; charset=utf-8" if a.media.startswith("text/") else "")
        return Response(a.body, media_type=media, headers=headers)

    async def run(job: Job, request: Request) -> Answer:
        """The job's answer; a client that goes away stops its query (and frees the worker)."""
        cancel = threading.Event()
        task = asyncio.ensure_future(run_in_threadpool(runner.run, job, cancel))
        try:
            while not (await asyncio.wait({task}, timeout=POLL))[0]:
                if await request.is_disconnected():
                    cancel.set()  # the runner kills the worker within POLL s; nobody reads the answer
            return task.result()
        except BaseException:  # cancelled (server shutdown): do not leave the query running
            cancel.set()
            raise

    async def checked(*texts: str | None) -> None:
        """Every query text before it runs: limits, no update, SERVICE only where allowed."""
        for text in texts:
            bad = text is not None and await run_in_threadpool(guard.problem, text, cfg.allow_services)
            if bad:
                raise Problem(*bad)

    # ---- SPARQL 1.1 Protocol -------------------------------------------------------------
    async def sparql_params(request: Request) -> dict[str, list[str]]:
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

    @app.api_route("/sparql", methods=["GET", "POST"], include_in_schema=False)
    async def sparql(request: Request):
        params = await sparql_params(request)
        accept = request.headers.get("accept")
        if "query" not in params:
            if conneg.wants_html(accept):
                return RedirectResponse("/query", status_code=303)
            return service_description(request)
        if len(params["query"]) != 1:
            raise Problem(400, "give exactly one query parameter")
        query = params["query"][0]
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            raise Problem(400, "this endpoint has one default graph; default-graph-uri/named-graph-uri are not supported")
        await checked(query)
        fmt = tuple(params.get("format") or ())  # SPARQLWrapper sends several
        return answer_response(await run(Job(query, accept, fmt, max_results=cfg.max_results, prefixes=PREFIX_MAP),
                                              request))

    def service_description(request: Request) -> Response:
        endpoint = str(request.url_for("sparql"))
        sd = f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
@prefix void: <http://rdfs.org/ns/void#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
        <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>,
        <http://www.w3.org/ns/formats/JSON-LD>, <http://www.w3.org/ns/formats/RDF_XML> ;
    sd:feature sd:BasicFederatedQuery ;
    sd:defaultDataset <{endpoint}#dataset> .
<{endpoint}#dataset> a sd:Dataset ; sd:defaultGraph <{endpoint}#default-graph> .
<{endpoint}#default-graph> a sd:Graph ; void:triples {len(store)} .
"""  # no blank nodes: the same answer byte for byte on every request (GET and HEAD alike)
        # SERVICE is refused, so do not advertise it.
        sd = sd.replace("    sd:feature sd:BasicFederatedQuery ;\n", "")
        return rdf_response(request, ox.parse(sd.encode(), format=ox.RdfFormat.TURTLE))

    def rdf_response(request: Request, triples, allow_html: bool = False) -> Response:
        fmt = tuple(request.query_params.getlist("format"))
        try:
            media = conneg.negotiate(request.headers.get("accept"), conneg.GRAPHS, fmt)
        except conneg.NotAcceptable as err:
            raise Problem(406, "not acceptable; " + str(err)) from None
        # Blank nodes only occur in the generated service description, never in the data.
        body = results.graph([t if isinstance(t, ox.Triple) else t.triple for t in triples], media, dict(PREFIX_MAP))
        return Response(body, media_type=media, headers={"Vary": "Accept"})

    # ---- saved queries as an API -----------------------------------------------------------
    def saved(name: str) -> catalogue.SavedQuery:
        if name not in queries:
            raise Problem(404, f"no saved query named {name!r}",
                          [(f"/api/queries/{n}", n) for n in queries] or [("/api/queries", "catalogue")])
        return queries[name]

    @app.get("/api/queries", summary="The catalogue of saved queries")
    def list_queries(request: Request):
        return {"queries": [{
            "name": q.name, "summary": q.summary, "description": q.description, "tags": list(q.tags),
            "href": f"/api/queries/{q.name}", "page": f"/query/{q.name}",
            "parameters": [{"name": p.name, "type": p.type, "required": p.required,
                            "description": p.description,
                            **({"example": p.example} if p.example is not None else {})}
                           for p in shown_parameters(q)]} for q in queries.values()]}

    @app.get("/api/queries/{name}", include_in_schema=False)
    async def run_saved(name: str, request: Request):
        q = saved(name)
        given = dict(request.query_params)
        text, probe, page = catalogue.prepare_paged(q, given, id_base)
        await checked(text, probe)
        job = Job(text, request.headers.get("accept"), tuple(request.query_params.getlist("format")), (),
                  cfg.max_results, PREFIX_MAP)
        response = answer_response(await run(job, request))
        if probe is not None:
            # grlc's way of saying there is more: a Link header to the next page
            more = await run(Job(probe, "application/sparql-results+json"), request)
            if more.status == 200 and json.loads(more.body).get("boolean"):
                nxt = request.url.include_query_params(page=page + 1)
                response.headers["Link"] = f'<{nxt.path}?{nxt.query}>; rel="next"'
        return response

    @app.get("/openapi.json", include_in_schema=False)
    def openapi():
        return JSONResponse(openapi_document(app, queries))

    # ---- linked data ------------------------------------------------------------------------
    @app.get("/id/{path:path}", include_in_schema=False)
    def dereference(path: str, request: Request):
        iri = id_base + quote(path, safe="/:@!$&'()*+,;=-._~%")
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise Problem(400, f"not a valid IRI: {iri}") from None
        if not pagedata.exists(store, iri):
            triples = extra.triples(iri)  # /id/catalog, /id/dataset/…, /id/graph/…
            if not triples:
                raise Problem(404, f"no resource {iri} in this graph",
                              [("/", "home")] + [(local(r["r"]), r["title"] or r["r"])
                                                 for r in pagedata.overview(store)["resolutions"]])
            if conneg.wants_html(request.headers.get("accept")):
                return triples_page(request, iri, iri, triples)
            return rdf_response(request, triples)
        if conneg.wants_html(request.headers.get("accept")):
            if pagedata.is_a(store, iri, "mk:Resolution"):
                return resolution_page(request, iri)
            if pagedata.is_a(store, iri, "mk:Actor") or pagedata.is_a(store, iri, "mk:Land"):
                return actor_page(request, iri)
            return resource_page(request, iri)
        return rdf_response(request, pagedata.describe(store, iri))

    def resource_page(request: Request, iri: str):
        triples = sorted(pagedata.describe(store, iri), key=lambda t: (t.subject.value, t.predicate.value, str(t.object)))
        return page(request, "resource.html", iri=iri, label=pagedata.label(store, iri),
                    triples=triples, incoming=pagedata.incoming(store, iri), curie=curie)

    def resolution_page(request: Request, iri: str):
        data = pagedata.resolution(store, iri)
        text = None
        if data.get("file") and (sources / data["file"]).is_file():
            text = (sources / data["file"]).read_text(encoding="utf-8")
        marks = data["marks"]
        kinds = sorted({m.kind: m.kind_label for m in marks}.items(),
                       key=lambda kv: KIND_ORDER.index(kv[0]) if kv[0] in KIND_ORDER else 99)
        return page(request, "resolution.html", r=data, marks=marks,
                    segments=pagedata.segments(text, marks, pagedata.paragraphs(store, iri)) if text else None,
                    addressees=sorted({a for m in marks for a in m.addressees}),
                    fields=sorted({m.field for m in marks if m.field}), kinds=kinds)

    def actor_page(request: Request, iri: str):
        return page(request, "actor.html", a=pagedata.actor(store, iri) or {"iri": iri, "label": iri},
                    triples=sorted(pagedata.describe(store, iri), key=lambda t: (t.predicate.value, str(t.object))),
                    curie=curie)

    def curie(iri: str) -> str:
        for p, ns in PREFIX_MAP:
            if iri.startswith(ns):
                return p + ":" + iri[len(ns):]
        return iri

    def triples_page(request: Request, iri: str, label: str, triples) -> HTMLResponse:
        return page(request, "resource.html", iri=iri, label=label,
                    triples=sorted(triples, key=lambda t: (t.subject.value, t.predicate.value, str(t.object))),
                    incoming=[], curie=curie)

    def folder_answer(request: Request, folder: Path, iri: str, label: str, version: str | None = None) -> Response:
        files = sorted(p for p in folder.glob("*") if p.suffix in (".ttl", ".nt")) if folder.is_dir() else []
        if not files:
            raise Problem(404, f"no {label} here", [("/", "home")])
        triples = [q.triple for q in load(files)]
        if version is not None and not any(t.predicate.value == "http://www.w3.org/2002/07/owl#versionIRI"
                                           and t.object.value == version for t in triples):
            raise Problem(404, f"this server has another version of the {label} than {version}",
                          [("/ontology", label)])
        if conneg.wants_html(request.headers.get("accept")):
            return triples_page(request, iri, label, triples)
        return rdf_response(request, triples)

    @app.get("/ontology", include_in_schema=False)
    def ontology(request: Request):
        return folder_answer(request, ontology_dir, str(PREFIXES["mk"]), "mkgraph ontology")

    @app.get("/ontology/{version}", include_in_schema=False)
    def ontology_version(version: str, request: Request):  # its owl:versionIRI, <…/ontology/0.1.0>
        return folder_answer(request, ontology_dir, str(PREFIXES["mk"]), "mkgraph ontology",
                             version="https://w3id.org/mkgraph/ontology/" + version)

    @app.get("/shapes", include_in_schema=False)
    @app.get("/shapes/", include_in_schema=False)
    def shapes(request: Request):  # <https://w3id.org/mkgraph/shapes#…>, the catalogue's conformsTo …/shapes/
        return folder_answer(request, shapes_dir, "https://w3id.org/mkgraph/shapes#", "mkgraph SHACL shapes")

    @app.get("/.well-known/void", include_in_schema=False)
    def void(request: Request):
        root = str(request.base_url)
        ds = cfg.base_url + "id/dataset/mkgraph"
        # the served files and the build's dumps beside them (not its catalogue or context)
        names = [n for n in downloads if n in {p.name for p in cfg.data} or n.startswith("dataset.")]
        dumps = " ".join(f"void:dataDump <{root}download/{n}> ;" for n in names)
        ttl = f"""@prefix void: <http://rdfs.org/ns/void#> . @prefix dcterms: <http://purl.org/dc/terms/> .
<{ds}> a void:Dataset ; dcterms:title "mkgraph: resolutions of German minister conferences"@en ;
  void:sparqlEndpoint <{root}sparql> ; {dumps}
  void:uriSpace "{id_base}" ; void:triples {len(store)} ;
  void:vocabulary <https://w3id.org/mkgraph/ontology#> ."""
        triples = ox.parse(ttl.encode(), format=ox.RdfFormat.TURTLE)
        # The built catalogue (DCAT/VoID with linksets), when the build wrote one, is served with it.
        extra = [q.triple for q in store.quads_for_pattern(None, None, None)
                 if q.subject.value.startswith(id_base + "dataset/")]
        return rdf_response(request, list(triples) + extra)

    @app.get("/download/{name}", include_in_schema=False)
    def download(name: str):
        p = downloads.get(name)
        if p is None:
            raise Problem(404, f"no download named {name!r}", [(f"/download/{n}", n) for n in downloads])
        media = DOWNLOAD_TYPES.get(p.suffix.lower(), "application/octet-stream")
        return FileResponse(p, media_type=media, filename=p.name)

    @app.get("/context.jsonld", include_in_schema=False)
    def context():  # the JSON-LD context the exports are compacted with, at <base>context.jsonld
        return download("context.jsonld")

    # ---- pages ---------------------------------------------------------------------------------
    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request):
        return page(request, "home.html", o=pagedata.overview(store), queries=list(queries.values()),
                    downloads=list(downloads))

    @app.get("/query", response_class=HTMLResponse, include_in_schema=False)
    @app.get("/query/{name}", response_class=HTMLResponse, include_in_schema=False)
    async def query_page(request: Request, name: str | None = None):
        q = saved(name) if name else None
        text = request.query_params.get("query") or (q.text if q else
                                                       "PREFIX mk: <https://w3id.org/mkgraph/ontology#>\n"
                                                       "SELECT ?s ?kind WHERE { ?s mk:statementKind ?kind } LIMIT 20")
        given = {k: v for k, v in request.query_params.items() if k != "query"}
        table, error = None, None
        if request.query_params.get("query") or (q and given.get("run")):
            try:
                hide: tuple[str, ...] = ()
                if q and not request.query_params.get("query"):
                    text, subs, hide = catalogue.prepare(q, given, id_base)
                else:
                    subs = ()
                await checked(text)
                a = await run(Job(text, "application/sparql-results+json", None, subs,
                                  min(cfg.max_results, 1000), hide=hide), request)
                if a.status != 200:
                    raise Problem(a.status, a.message)
                table = json.loads(a.body) if a.media == "application/sparql-results+json" else None
                if table is None:
                    error = "this page shows SELECT and ASK results; use /sparql for graphs"
            except (Problem, InputError) as err:
                error = getattr(err, "message", str(err))
        return page(request, "query.html", q=q, text=q.text if q else text, given=given, table=table, error=error,
                    queries=list(queries.values()), max_rows=min(cfg.max_results, 1000))

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET"], allow_headers=["Accept"])
    app.add_middleware(BodySizeGuard, max_body=cfg.max_body, body_timeout=cfg.body_timeout)
    app.add_middleware(RequestLimit, limit=cfg.limit_concurrency)
    app.add_middleware(HttpSemantics)  # outermost: HEAD, Vary, Allow, CSP for every answer
    return app
