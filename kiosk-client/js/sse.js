// A server-sent-events parser for text that arrives in arbitrary chunks, following the
// WHATWG "event stream interpretation" rules. Pure: text in, callbacks out.
// (EventSource cannot send an Authorization header, so the kiosk reads the stream with
// fetch and parses it here.)

/**
 * @param {object} handlers
 *   onEvent({ type, data, id }) for each dispatched event,
 *   onComment(text) for comment lines such as ": keep-alive",
 *   onRetry(ms) when the server sets the reconnection time.
 * @returns {{ push(text: string): void, end(): void, lastEventId(): string }}
 */
export function createSseParser({ onEvent = () => {}, onComment = () => {}, onRetry = () => {} } = {}) {
  let buffer = '';
  let pendingCR = false;
  let eventType = '';
  let data = [];
  let lastEventId = '';

  function dispatch() {
    if (data.length === 0) {
      eventType = '';
      return;
    }
    const event = { type: eventType || 'message', data: data.join('\n'), id: lastEventId };
    eventType = '';
    data = [];
    onEvent(event);
  }

  function line(text) {
    if (text === '') {
      dispatch();
      return;
    }
    if (text.startsWith(':')) {
      onComment(text.slice(1).replace(/^ /, ''));
      return;
    }
    const colon = text.indexOf(':');
    const field = colon < 0 ? text : text.slice(0, colon);
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        eventType = value;
        break;
      case 'data':
        data.push(value);
        break;
      case 'id':
        if (!value.includes('\u0000')) lastEventId = value;
        break;
      case 'retry':
        if (/^[0-9]+$/.test(value)) onRetry(Number(value));
        break;
      default:
        // unknown fields are ignored
    }
  }

  return {
    push(text) {
      let start = 0;
      let i = 0;
      if (pendingCR && text.startsWith('\n')) {
        // the "\r\n" of the previous line was split across chunks
        start = i = 1;
      }
      pendingCR = false;
      for (; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 /* \n */ || c === 13 /* \r */) {
          line(buffer + text.slice(start, i));
          buffer = '';
          if (c === 13) {
            if (i + 1 < text.length) {
              if (text.charCodeAt(i + 1) === 10) i++;
            } else {
              pendingCR = true;
            }
          }
          start = i + 1;
        }
      }
      buffer += text.slice(start);
      if (buffer.length > 1_000_000) buffer = ''; // a line that never ends is not an event
    },
    /** The stream ended: an incomplete event is discarded, as the specification says. */
    end() {
      buffer = '';
      data = [];
      eventType = '';
      pendingCR = false;
    },
    lastEventId() {
      return lastEventId;
    },
  };
}
