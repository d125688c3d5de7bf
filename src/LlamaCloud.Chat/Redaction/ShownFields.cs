using LlamaCloud.Chat.Analytics;

namespace LlamaCloud.Chat.Redaction
{
    /// <summary>
    /// Which of a session's texts an output shows. A redacted copy carries only these, redacted; the others are left
    /// out of the copy (never passed on unredacted), so the summary counts exactly what the output shows.
    /// </summary>
    internal sealed class ShownFields
    {
        /// <summary>The title and index ids (a transcript's header, and each turn's skipped index ids).</summary>
        internal bool Header { get; set; }

        /// <summary>Prompts and answers.</summary>
        internal bool Conversation { get; set; }

        /// <summary>The reasoning.</summary>
        internal bool Thinking { get; set; }

        /// <summary>Tool arguments.</summary>
        internal bool ToolArguments { get; set; }

        /// <summary>Tool results.</summary>
        internal bool ToolResults { get; set; }

        /// <summary>An image attachment's source id (its name is always shown).</summary>
        internal bool ImageSource { get; set; }

        /// <summary>What a transcript shows.</summary>
        internal static ShownFields Transcript(bool thinking, bool toolOutput) => new ShownFields
        {
            Header = true, Conversation = true, Thinking = thinking, ToolArguments = true, ToolResults = toolOutput, ImageSource = true,
        };

        /// <summary>What a trace shows: names, ids and errors; the conversation only with -IncludeContent.</summary>
        internal static ShownFields Trace(bool content) => new ShownFields
        {
            Conversation = content, Thinking = content, ToolArguments = content, ToolResults = content,
        };
    }
}
