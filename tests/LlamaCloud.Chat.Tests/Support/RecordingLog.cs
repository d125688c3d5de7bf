using System.Collections.Generic;
using LlamaCloud.Chat.Http;

namespace LlamaCloud.Chat.Tests.Support
{
    /// <summary>A client log that keeps every verbose line (debug lines are dropped), for tests of what a retry says.</summary>
    internal sealed class RecordingLog : IClientLog
    {
        internal readonly List<string> Lines = new List<string>();

        public void Verbose(string message)
        {
            lock (Lines) Lines.Add(message);
        }

        public void Debug(string message)
        {
        }
    }
}
