// Package server is Causeway's HTTP front door: a read-only JSON API over
// the requests of package graph, Cayley's own query path, export downloads
// in every format of package export, the source texts the quotes come from,
// an OpenAPI description of it all, and the web view embedded in package
// web.
//
// The server is one more thin adapter over the request layer, as the
// command line is: a handler parses its query parameters into one graph
// request, runs it and writes the result as the same JSON the command
// prints with --format json. Every error of the request layer's contract
// maps to an HTTP status in one place (see Status), and is written as JSON.
//
// It never writes to the store. Each request runs within a time bound and
// a query within a memory bound; the requests that read the store are
// capped in number at once (429 past the cap), and request bodies in size.
// With a token, every request must carry it.
package server
