/** The MIME type of convlab views; the version in the name changes only with a breaking payload change. */
export const MIME_TYPE = 'application/vnd.convlab.v1+json';

/** The `version` field every payload carries. */
export const PAYLOAD_VERSION = 1;
