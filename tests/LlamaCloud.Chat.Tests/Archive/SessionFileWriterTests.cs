using System;
using System.Collections.Generic;
using System.IO;
using LlamaCloud.Chat.Archive;

namespace LlamaCloud.Chat.Tests.Archive
{
    public sealed class SessionFileWriterTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "llama-archive-state-" + Guid.NewGuid().ToString("N"));

        public SessionFileWriterTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, true);

        [Fact]
        public void LeftoverTemporaryFilesAreRecognisedAndOnlyThey()
        {
            foreach (var n in new[] { ".ses-a.json.0123abcd.tmp", ".llama-archive.index.89abcdef.tmp", "ses-a.json", ".ses-a.json.xyz.tmp", "other.tmp" })
                File.WriteAllText(Path.Combine(_folder, n), "x");
            Assert.Equal(2, SessionFileWriter.RemoveLeftovers(_folder));
            var left = new List<string>();
            foreach (var f in Directory.GetFiles(_folder)) left.Add(Path.GetFileName(f));
            left.Sort(StringComparer.Ordinal);
            Assert.Equal(new[] { ".ses-a.json.xyz.tmp", "other.tmp", "ses-a.json" }, left);
        }
    }
}
