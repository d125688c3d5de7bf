using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace LlamaCloud.Chat.Module
{
    /// <summary>
    /// Dependency loading. On PowerShell 7 the runtime already carries System.Text.Json (8.0+ from 7.4 on) and its
    /// helpers, and those always win, so the module brings none of its own into play and cannot clash with other
    /// modules. On Windows PowerShell 5.1 (.NET Framework) the module's copies sit in <c>Dependencies/</c>; .NET
    /// Framework has no binding redirects for a module and the packages reference each other at differing versions,
    /// so this resolver hands them out, but only for the assemblies the module ships, at versions up to the shipped
    /// ones, asked for by the module or its dependencies (see <see cref="ShippedDependencies"/>), as PSResourceGet does.
    /// On PowerShell 7.0-7.3 (.NET Core 3.1 to .NET 7, System.Text.Json below 8) importing fails at once with a clear
    /// message instead of a FileLoadException at first use.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string DependencyFolder = Path.Combine(
            Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");

        private static readonly Lazy<ShippedDependencies> Shipped = new Lazy<ShippedDependencies>(() => new ShippedDependencies(DependencyFolder));

        /// <inheritdoc />
        public void OnImport()
        {
            RuntimeCheck.ThrowIfUnsupported();
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <inheritdoc />
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            if (IsNetFramework) AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
        }

        private static bool IsNetFramework =>
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        private static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            AssemblyName requested;
            try
            {
                requested = new AssemblyName(args.Name);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException)
            {
                return null;
            }
            var path = Shipped.Value.PathFor(requested, args.RequestingAssembly?.GetName().Name, typeof(ModuleInitializer).Assembly.GetName().Name ?? "LlamaCloud.Chat");
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
