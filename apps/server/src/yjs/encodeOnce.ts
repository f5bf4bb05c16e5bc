/**
 * Every connection to a document hears the same 'update' event (the same update array, the same
 * awareness change object): the message for it is encoded once and sent to all of them, rather
 * than once per connection. Holds the last event only.
 */
export class EncodeOnce {
  private event: object | null = null;
  private message: Uint8Array = new Uint8Array();

  get(event: object, encode: () => Uint8Array): Uint8Array {
    if (event !== this.event) {
      this.message = encode();
      this.event = event;
    }
    return this.message;
  }
}
