using System;
using System.Collections.Generic;

namespace LlamaCloud.Chat
{
    /// <summary>The wire names of the chat event types, and what each one is.</summary>
    public static class ChatEventType
    {
        /// <summary>One streamed fragment of the model's reasoning.</summary>
        public const string ThinkingDelta = "thinking_delta";
        /// <summary>One streamed fragment of the answer.</summary>
        public const string TextDelta = "text_delta";
        /// <summary>A complete block of reasoning.</summary>
        public const string Thinking = "thinking";
        /// <summary>A complete block of the answer.</summary>
        public const string Text = "text";
        /// <summary>What the user asked.</summary>
        public const string UserInput = "user_input";
        /// <summary>The agent called a tool.</summary>
        public const string ToolCall = "tool_call";
        /// <summary>A tool answered a call.</summary>
        public const string ToolResult = "tool_result";
        /// <summary>The end of a turn, with usage or error.</summary>
        public const string Stop = "stop";
        /// <summary>Pseudo type used by -Type to select events whose type this module does not know.</summary>
        public const string Unknown = "unknown";

        /// <summary>Every name -Type accepts, in the order the completer offers them, with a one-line description.</summary>
        public static IReadOnlyList<KeyValuePair<string, string>> Descriptions { get; } = new[]
        {
            new KeyValuePair<string, string>(UserInput, "What the user asked (UserInputEvent)"),
            new KeyValuePair<string, string>(ThinkingDelta, "One streamed fragment of reasoning (ThinkingDeltaEvent)"),
            new KeyValuePair<string, string>(Thinking, "A complete block of reasoning (ThinkingEvent)"),
            new KeyValuePair<string, string>(ToolCall, "The agent called a tool: name and arguments (ToolCallEvent)"),
            new KeyValuePair<string, string>(ToolResult, "A tool's answer to a call (ToolResultEvent)"),
            new KeyValuePair<string, string>(TextDelta, "One streamed fragment of the answer (TextDeltaEvent)"),
            new KeyValuePair<string, string>(Text, "A complete block of the answer (TextEvent)"),
            new KeyValuePair<string, string>(Stop, "End of a turn: usage, or the error (StopEvent)"),
            new KeyValuePair<string, string>(Unknown, "Any event of a type this module does not know (UnknownEvent)"),
        };

        /// <summary>The wire names -Type accepts (case-insensitive).</summary>
        public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(
            (KeyValuePair<string, string>[])Descriptions, d => d.Key);

        /// <summary>Returns the canonical (lower-case) wire name for <paramref name="name"/>, or null if it is not one.</summary>
        public static string? Normalize(string? name)
        {
            if (name == null) return null;
            foreach (var n in Names)
            {
                if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase)) return n;
            }
            return null;
        }
    }
}
