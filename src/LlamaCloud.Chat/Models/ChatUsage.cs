using System;

namespace LlamaCloud.Chat
{
    /// <summary>One row of Get-LlamaChatUsage: what a group of sessions used and how it went.</summary>
    public sealed class ChatUsage
    {
        internal ChatUsage(ChatUsageGroup group, string key)
        {
            Group = group;
            Key = key;
        }

        /// <summary>How the rows were grouped.</summary>
        public ChatUsageGroup Group { get; }

        /// <summary>The group's key: the day (yyyy-MM-dd), session id, index id or tool name; empty for "none" (no index, no grouping).</summary>
        public string Key { get; }

        /// <summary>For -GroupBy Day: the day (UTC, midnight); otherwise null.</summary>
        public DateTime? Day { get; internal set; }

        /// <summary>Sessions in the group.</summary>
        public int Sessions { get; internal set; }

        /// <summary>Turns in the group (for -GroupBy Tool: the turns that called the tool).</summary>
        public long Turns { get; internal set; }

        /// <summary>Input tokens of those turns (their stop events' usage).</summary>
        public long InputTokens { get; internal set; }

        /// <summary>Output tokens of those turns.</summary>
        public long OutputTokens { get; internal set; }

        /// <summary>Those turns whose stop event reports an error.</summary>
        public long Errors { get; internal set; }

        /// <summary>Tool calls (for -GroupBy Tool: of this tool only).</summary>
        public long ToolCalls { get; internal set; }

        /// <summary>Tool calls whose result reports an error (an object with a non-null error, or is_error true).</summary>
        public long ToolErrors { get; internal set; }

        /// <inheritdoc />
        public override string ToString() => $"{Key}: sessions={Sessions} turns={Turns} in={InputTokens} out={OutputTokens} errors={Errors} tools={ToolCalls}/{ToolErrors}";
    }
}
