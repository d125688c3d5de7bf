using System;
using LlamaCloud.Chat.Serialization;
using LlamaCloud.Chat.Tests.Support;

namespace LlamaCloud.Chat.Tests.Serialization
{
    [Collection(nameof(ReusedBuffersCollection))]
    public class AppendOnlyBufferTests
    {
        [Fact]
        public void ABufferWhoseArrayCouldNotBeAllocatedIsFinalizedWithoutAnError()
        {
            // A single event of more than 1 GiB asks for a buffer larger than an array can be: the constructor throws, but
            // the object exists and is finalizable. Its finalizer must not throw (on the finalizer thread that ends the
            // process): the caller gets the OutOfMemoryException, as for any allocation.
            Assert.Throws<OutOfMemoryException>(() => new AppendOnlyBuffer(int.MaxValue));
            var unbuilt = (AppendOnlyBuffer)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(AppendOnlyBuffer));
            GC.SuppressFinalize(unbuilt); // run its finalizer here, where an exception is seen, not on the finalizer thread
            var finalize = typeof(AppendOnlyBuffer).GetMethod("Finalize", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!;
            var before = ReusedBuffers.Count;
            finalize.Invoke(unbuilt, null);
            Assert.Equal(before, ReusedBuffers.Count);
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
    }
}
