using BenchmarkDotNet.Running;
using WorkOS.AspNetCore.Benchmarks.LoadComparison;

// The loopback load comparison (load/run.sh) starts this program in its other modes.
return args.FirstOrDefault() switch
{
    "load-server" => await LoadServer.RunAsync(args[1..]),
    "refresh-storm" => await RefreshStorm.RunAsync(args[1..]),
    "cookie-sizes" => await CookieSizes.RunAsync(args[1..]),
    "fault-load" => await WorkOS.AspNetCore.Benchmarks.FaultLoad.FaultLoadRun.RunAsync(args[1..]),
    _ => Run(args),
};

static int Run(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    return 0;
}
