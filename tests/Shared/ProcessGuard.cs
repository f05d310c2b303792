namespace WorkOS.AspNetCore.Testing.Redis;

/// <summary>
/// The bash guard test processes run under: it runs "$@" in the background, kills it once the guard's standard input (a
/// pipe from the test process) closes, so a crashed or killed test run leaves nothing behind, and exits with the
/// child's status when the child ends first. Run as <c>bash -c Script name command args...</c>.
/// </summary>
internal static class ProcessGuard
{
    public const string Script = """
        exec 3<&0
        "$@" </dev/null & child=$!
        { read -r _ <&3; kill -KILL "$child" 2>/dev/null; } &
        watcher=$!
        wait "$child"; status=$?
        kill -KILL "$watcher" 2>/dev/null
        exit "$status"
        """;
}
