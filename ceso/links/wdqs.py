"""A small client for the Wikidata Query Service, or any SPARQL 1.1 endpoint, through SPARQLWrapper.

It follows Wikimedia's rules for bots: a User-Agent naming the tool and a contact URL, back-off with
retries on 429 and 5xx (honouring Retry-After), and a cap on the number of requests one run may send.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import warnings
from dataclasses import dataclass, field

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper import __version__ as sparqlwrapper_version
from SPARQLWrapper.SPARQLExceptions import EndPointInternalError, SPARQLWrapperException

from ceso import __version__
from ceso.errors import CesoError, Exit

WDQS = "https://query.wikidata.org/sparql"
USER_AGENT = f"ceso/{__version__} (https://w3id.org/ceso) SPARQLWrapper/{sparqlwrapper_version}"

MAX_RETRY_AFTER = 120.0  # seconds; a longer Retry-After means "come back much later": give up instead


class ServiceUnavailable(CesoError):
    """The endpoint could not be reached or kept failing; nothing about the links is known."""

    exit_code = Exit.UNREACHABLE


class BudgetExhausted(CesoError):
    """The run used every request it was allowed before it had asked everything."""

    exit_code = Exit.BUDGET


class _Transient(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def _retry_after(headers) -> float | None:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None  # an HTTP date: rare from WDQS; fall back to our own back-off


@dataclass
class Client:
    endpoint: str = WDQS
    max_requests: int = 100  # every HTTP request counts, retries included
    retries: int = 4  # further attempts after a 429/5xx/timeout
    backoff: float = 2.0  # seconds before the first retry, doubled for each next one
    timeout: float = 60.0  # seconds per request
    user_agent: str = USER_AGENT
    requests_sent: int = field(default=0, init=False)

    def select(self, query: str) -> list[dict]:
        """The bindings of a SELECT query (SPARQL 1.1 JSON results), after retries; or a CesoError."""
        delay = self.backoff
        for attempt in range(self.retries + 1):
            if self.requests_sent >= self.max_requests:
                raise BudgetExhausted(
                    f"the request budget is spent: {self.requests_sent} request(s) sent to {self.endpoint}",
                    fix="allow more with --max-requests, or ask for more items at once with --batch-size",
                )
            self.requests_sent += 1
            try:
                return self._once(query)
            except _Transient as failure:
                if attempt == self.retries:
                    raise ServiceUnavailable(
                        f"the SPARQL endpoint kept failing ({failure.reason}) after {attempt + 1} attempt(s)",
                        where=self.endpoint,
                        fix="try again later, or raise --retries; another endpoint can be given with --endpoint",
                    ) from None
                wait = failure.retry_after if failure.retry_after is not None else delay
                if wait > MAX_RETRY_AFTER:
                    raise ServiceUnavailable(
                        f"the SPARQL endpoint asks us to wait {wait:g} s ({failure.reason})",
                        where=self.endpoint, fix="try again later",
                    ) from None
                time.sleep(wait)
                delay *= 2
        raise AssertionError("unreachable")

    def _once(self, query: str) -> list[dict]:
        sparql = SPARQLWrapper(self.endpoint, agent=self.user_agent)
        sparql.setQuery(query)
        sparql.setMethod(POST)  # batches of item IRIs make long queries; POST has no URL-length limit
        sparql.setReturnFormat(JSON)
        sparql.setTimeout(max(1, round(self.timeout)))
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # SPARQLWrapper warns on unexpected content types; we check below
                answer = sparql.queryAndConvert()
        except urllib.error.HTTPError as error:
            if error.code == 429 or error.code >= 500:
                raise _Transient(f"HTTP {error.code}", _retry_after(error.headers)) from None
            raise ServiceUnavailable(f"the SPARQL endpoint refused the query: HTTP {error.code} {error.reason}",
                                     where=self.endpoint, fix="check that --endpoint is a SPARQL 1.1 query endpoint") from None
        except EndPointInternalError:
            raise _Transient("HTTP 500") from None
        except SPARQLWrapperException as error:  # 400, 401, 404, 414
            raise ServiceUnavailable(f"the SPARQL endpoint refused the query: {type(error).__name__}",
                                     where=self.endpoint, fix="check that --endpoint is a SPARQL 1.1 query endpoint") from None
        except (TimeoutError, socket.timeout, http.client.IncompleteRead, ConnectionResetError) as error:
            raise _Transient(f"{type(error).__name__}: no complete answer within {self.timeout:g} s") from None
        except urllib.error.URLError as error:
            if isinstance(error.reason, (TimeoutError, socket.timeout)):
                raise _Transient(f"no answer within {self.timeout:g} s") from None
            raise ServiceUnavailable(
                f"cannot reach the SPARQL endpoint: {error.reason}", where=self.endpoint,
                fix="check the network connection and the address; an offline copy can be served with "
                    "`ceso serve` and named with --endpoint",
            ) from None
        except (OSError, http.client.HTTPException) as error:
            raise ServiceUnavailable(f"cannot reach the SPARQL endpoint: {error}", where=self.endpoint,
                                     fix="check the network connection and the address") from None
        except (ValueError, TypeError):
            raise ServiceUnavailable("the endpoint's answer is not SPARQL JSON results", where=self.endpoint,
                                     fix="check that --endpoint is a SPARQL 1.1 query endpoint") from None
        try:
            return list(answer["results"]["bindings"])
        except (KeyError, TypeError):
            raise ServiceUnavailable("the endpoint's answer is not SPARQL JSON results", where=self.endpoint,
                                     fix="check that --endpoint is a SPARQL 1.1 query endpoint") from None
