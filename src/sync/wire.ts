// The one file for Selaras' wire format. The relay speaks the standard
// y-websocket protocol (sync + awareness, as y-protocols encodes them); Selaras
// adds only the message types and close codes below. Both the relay
// (server/relay) and the app (src/app) import from here.

/** Standard y-websocket message types. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * Selaras extension, server → client: "this is durable". Payload: a Yjs state
 * vector (Y.encodeStateVector format) of what the server has committed to disk.
 * Sent only to clients that connect with the `durable=1` URL parameter, so the
 * stock y-websocket client never sees a type it does not know.
 */
export const MESSAGE_DURABLE = 100;
