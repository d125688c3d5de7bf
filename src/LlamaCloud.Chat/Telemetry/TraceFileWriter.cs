using System;
using System.IO;
using System.Text;

namespace LlamaCloud.Chat.Telemetry
{
    /// <summary>
    /// Writes trace lines to a temporary file beside the target and moves it into place on <see cref="Commit"/>,
    /// so readers see the old file or the whole new one, never a partial write. -Append copies the old lines first.
    /// </summary>
    internal sealed class TraceFileWriter
    {
        private static readonly byte[] NewLine = { (byte)'\n' };
        private readonly string _temp;
        private FileStream? _stream;

        internal TraceFileWriter(string target, bool append)
        {
            Target = target;
            var folder = Path.GetDirectoryName(target);
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            _temp = target + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp";
            _stream = new FileStream(_temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024);
            if (append && File.Exists(target))
            {
                using (var old = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read)) old.CopyTo(_stream);
                if (_stream.Length > 0)
                {
                    // A file that does not end its last line would glue our first document onto it.
                    _stream.Position = _stream.Length - 1;
                    var last = _stream.ReadByte();
                    _stream.Position = _stream.Length;
                    if (last != '\n') _stream.Write(NewLine, 0, 1);
                }
            }
        }

        internal string Target { get; }

        internal int Lines { get; private set; }

        internal void Write(ChatTrace trace)
        {
            var bytes = Encoding.UTF8.GetBytes(trace.Json);
            _stream!.Write(bytes, 0, bytes.Length);
            _stream.Write(NewLine, 0, 1);
            Lines++;
        }

        internal void Commit()
        {
            _stream!.Flush(true);
            _stream.Dispose();
            _stream = null;
            if (File.Exists(Target)) File.Replace(_temp, Target, null);
            else File.Move(_temp, Target);
        }

        internal void Abandon()
        {
            try
            {
                _stream?.Dispose();
                _stream = null;
                if (File.Exists(_temp)) File.Delete(_temp);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
