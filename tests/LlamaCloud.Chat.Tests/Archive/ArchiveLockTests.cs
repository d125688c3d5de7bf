using System;
using System.IO;
using System.Threading;
using LlamaCloud.Chat.Archive;

namespace LlamaCloud.Chat.Tests.Archive
{
    public sealed class ArchiveLockTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "llama-archive-state-" + Guid.NewGuid().ToString("N"));

        public ArchiveLockTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, true);

        [Fact]
        public void TheLockIsExclusiveUntilReleasedAndItsFileStays()
        {
            using (ArchiveLock.Acquire(_folder, TimeSpan.Zero, CancellationToken.None, _ => { }))
            {
                var ex = Assert.Throws<LlamaCloudException>(() => ArchiveLock.Acquire(_folder, TimeSpan.Zero, CancellationToken.None, _ => { }));
                Assert.Equal(ErrorIds.ArchiveLocked, ex.ErrorId);
            }
            using (ArchiveLock.Acquire(_folder, TimeSpan.Zero, CancellationToken.None, _ => { })) { }
            Assert.True(File.Exists(Path.Combine(_folder, ArchiveLock.FileName)));
            Assert.Equal(0, new FileInfo(Path.Combine(_folder, ArchiveLock.FileName)).Length);
        }
    }
}
