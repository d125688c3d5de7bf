using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using LlamaCloud.Chat.Analytics;
using LlamaCloud.Chat.Parquet;
using ParquetReader = global::Parquet.ParquetReader;

namespace LlamaCloud.Chat.Tests.Parquet
{
    /// <summary>
    /// The Parquet writer's memory is bounded by its settings, not by the table: row groups end at a byte budget, no
    /// string outlives the row group it was written in, and every write runs on the caller's thread (so the buffers
    /// Parquet.Net rents from the shared pool come back to the one thread that rented them). None of this times or
    /// measures the process: each checks what the writer wrote or still references.
    /// </summary>
    public class ParquetTableWriterTests
    {
        // One text column and one integer column. With 1,016 ASCII characters of text (4 bytes of length before them in
        // the page) and the integer (4 bytes), a row takes 1,024 bytes of page: 512 rows fill a 512 KiB row group.
        private const int TextLength = 1016;
        private static readonly TableSchema Schema = new TableSchema("t")
            .Column("text", TableColumnType.String, "text")
            .Column("n", TableColumnType.Int32, "a number");

        [Fact]
        public void RowGroupsEndAtTheByteBudget()
        {
            Assert.Equal(512 * 1024, ParquetTableWriter.RowGroupBytes);
            var path = Path.Combine(Path.GetTempPath(), "llama-parquet-" + Guid.NewGuid().ToString("n") + ".parquet");
            try
            {
                using (var w = new ParquetTableWriter(new FileStream(path, FileMode.CreateNew), Schema))
                {
                    for (var i = 0; i < 5000; i++) AddRow(w, i);
                    w.Complete();
                }
                using var file = File.OpenRead(path);
                var reader = ParquetReader.CreateAsync(file).GetAwaiter().GetResult();
                try
                {
                    var rows = new List<long>();
                    for (var g = 0; g < reader.RowGroupCount; g++) rows.Add(reader.OpenRowGroupReader(g).RowCount);
                    // 9 full groups of 512 rows, and the rest.
                    Assert.Equal(new long[] { 512, 512, 512, 512, 512, 512, 512, 512, 512, 392 }, rows);
                    // Every row arrived, in order: the last group's numbers and texts.
                    using var last = reader.OpenRowGroupReader(9);
                    var n = new int?[392];
                    last.ReadAsync<int>(reader.Schema.DataFields[1], n.AsMemory()).AsTask().GetAwaiter().GetResult();
                    Assert.Equal(4608, n[0]);
                    Assert.Equal(4999, n[391]);
                    var text = new string?[392];
                    last.ReadAsync(reader.Schema.DataFields[0], text.AsMemory()).AsTask().GetAwaiter().GetResult();
                    Assert.Equal(Text(4999), text[391]);
                }
                finally
                {
                    reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void NoStringOutlivesItsRowGroup()
        {
            using var stream = new MemoryStream();
            using var w = new ParquetTableWriter(stream, Schema);
            var written = AddRows(w, 512); // exactly one row group: it goes out with the 512th row
            Assert.Equal(0, w.HeldValues);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var alive = written.FindAll(r => r.TryGetTarget(out _)).Count;
            Assert.Equal(0, alive);

            AddRow(w, 512);
            Assert.Equal(2, w.HeldValues); // the next row group's first row: its text and its number
            w.Complete();
        }

        [Fact]
        public void EveryWriteRunsOnTheCallersThread()
        {
            using var stream = new ThreadRecordingStream();
            using (var w = new ParquetTableWriter(stream, Schema))
            {
                for (var i = 0; i < 1500; i++) AddRow(w, i); // two row groups, and a third at Complete
                w.Complete();
            }
            var thread = Environment.CurrentManagedThreadId;
            Assert.True(stream.Writes > 10, $"only {stream.Writes} writes");
            Assert.Equal(new[] { thread }, stream.Threads);
        }

        private static void AddRow(ParquetTableWriter w, int i)
        {
            w.String(Text(i));
            w.Int32(i);
            w.EndRow();
        }

        private static string Text(int i) => i.ToString("D8", System.Globalization.CultureInfo.InvariantCulture) + new string('x', TextLength - 8);

        // The strings are made here and only weakly referenced by the caller, so that nothing on the test's own stack keeps them.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static List<WeakReference<string>> AddRows(ParquetTableWriter w, int count)
        {
            var refs = new List<WeakReference<string>>();
            for (var i = 0; i < count; i++)
            {
                var text = Text(i);
                refs.Add(new WeakReference<string>(text));
                w.String(text);
                w.Int32(i);
                w.EndRow();
            }
            return refs;
        }

        /// <summary>
        /// A seekable in-memory file that, like a FileStream opened for synchronous I/O, completes an asynchronous write on
        /// a thread-pool thread; it records the thread of every write it is given.
        /// </summary>
        private sealed class ThreadRecordingStream : MemoryStream
        {
            private readonly HashSet<int> _threads = new HashSet<int>();

            internal int Writes { get; private set; }

            internal int[] Threads
            {
                get
                {
                    lock (_threads) return new List<int>(_threads).ToArray();
                }
            }

            private void Record()
            {
                lock (_threads)
                {
                    _threads.Add(Environment.CurrentManagedThreadId);
                    Writes++;
                }
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                Record();
                base.Write(buffer, offset, count);
            }

            public override void Write(ReadOnlySpan<byte> buffer)
            {
                Record();
                base.Write(buffer);
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
                Task.Run(() => Write(buffer, offset, count), cancellationToken);

            public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
                new ValueTask(Task.Run(() => Write(buffer.Span), cancellationToken));
        }
    }
}
