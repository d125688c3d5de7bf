using System.Text.Json;

namespace LlamaCloud.Chat.Serialization
{
    /// <summary>How deep the module's JSON readers go: one set of limits, used by every reader.</summary>
    internal static class JsonLimits
    {
        // A whole document (a session, a page of the session list, one payload converted on its own): deep enough for
        // any real payload, shallow enough that hostile input cannot overflow the stack of a recursive reader.
        internal const int DocumentDepth = 256;

        // One event read on its own: in the document it sits inside the session's root object and its events array,
        // which take two of the document's levels. Reading it alone with two levels fewer accepts exactly the events
        // a whole-document read accepts, so a file read whole and a stream read event by event agree on every event.
        internal const int EventDepth = DocumentDepth - 2;

        // A reader that keeps its own stack (a list, not recursion) cannot overflow it: redaction reads any payload as
        // JSON however deep, so that nothing deep falls back to being redacted as plain text.
        internal const int IterativeDepth = 100000;

        /// <summary>Options for a whole document.</summary>
        internal static readonly JsonReaderOptions Document = new JsonReaderOptions { MaxDepth = DocumentDepth };

        /// <summary>Options for one event of a session's events array read on its own.</summary>
        internal static readonly JsonReaderOptions Event = new JsonReaderOptions { MaxDepth = EventDepth };

        /// <summary>Options for a reader that keeps its own stack.</summary>
        internal static readonly JsonReaderOptions Iterative = new JsonReaderOptions { MaxDepth = IterativeDepth };
    }
}
