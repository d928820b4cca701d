@echo off
rem lenet launcher for Windows, the twin of ./lenet: builds the application when target\lenet.jar is missing or
rem older than pom.xml, .mvn or src\main (with the mvn on the PATH, else the Maven Wrapper, mvnw.cmd), then runs it
rem with the same JVM options and returns its exit code. Not here: ./lenet's build lock and class-data archive.
setlocal
rem (lenet_dir, not home: cmd's names ignore case, and %HOME% is the user's)
set "lenet_dir=%~dp0"
set "lenet_dir=%lenet_dir:~0,-1%"
set "lenet_jar=%lenet_dir%\target\lenet.jar"

rem The Java that runs lenet: %JAVA_HOME%'s when it is set (Maven builds with it too), else the one on the PATH.
set "java=java"
if not defined JAVA_HOME goto :java_chosen
set "java=%JAVA_HOME%\bin\java.exe"
if exist "%java%" goto :java_chosen
rem (through a for variable, so that a JAVA_HOME with & in it is printed, not run)
for %%j in ("%JAVA_HOME%") do >&2 echo lenet: JAVA_HOME=%%~j has no bin\java.exe; point it at a Java 17 or later, or unset it
exit /b 2
:java_chosen

if not exist "%lenet_jar%" goto :build
rem Stale when a file under pom.xml, .mvn or src\main is newer than the jar (PowerShell, which Windows has).
powershell -NoProfile -NonInteractive -Command "$jar = (Get-Item -LiteralPath $env:lenet_jar).LastWriteTimeUtc; $newer = Get-ChildItem -LiteralPath (Join-Path $env:lenet_dir 'pom.xml'), (Join-Path $env:lenet_dir '.mvn'), (Join-Path $env:lenet_dir 'src\main') -Recurse -File | Where-Object { $_.LastWriteTimeUtc -gt $jar } | Select-Object -First 1; if ($newer) { exit 1 }"
if errorlevel 1 goto :build
goto :run

:build
>&2 echo lenet: building the application (first run or sources changed)...
set "mvn=%lenet_dir%\mvnw.cmd"
where mvn >nul 2>nul
if not errorlevel 1 set "mvn=mvn"
set "log=%TEMP%\lenet-build-%RANDOM%.log"
call "%mvn%" -q -B -DskipTests -f "%lenet_dir%\pom.xml" package >"%log%" 2>&1
if errorlevel 1 goto :build_failed
del "%log%" >nul 2>nul
rem the jar is the build's time stamp, even when Maven found nothing to repackage
powershell -NoProfile -NonInteractive -Command "(Get-Item -LiteralPath $env:lenet_jar).LastWriteTimeUtc = [DateTime]::UtcNow"
goto :run
:build_failed
>&2 type "%log%"
del "%log%" >nul 2>nul
>&2 echo lenet: build failed (output above)
exit /b 2

:run
rem JVM settings measured in src/site/markdown/performance.md (./lenet explains each): the serial collector and a
rem 1 GB heap; the client compiler alone for the short commands. LENET_JAVA_OPTS comes later, so its settings win.
set "command="
for %%a in (%*) do if not defined command for %%c in (train eval predict inspect export info serve help generate-completion) do if /i "%%~a"=="%%c" set "command=%%c"
set "short="
for %%c in (predict inspect export info) do if /i "%command%"=="%%c" set "short=-XX:TieredStopAtLevel=1"
rem serve touches its whole starting heap at once: its resident size is the same in its first minute as after weeks.
if /i "%command%"=="serve" set "short=-XX:+AlwaysPreTouch"
rem How idle OpenMP threads wait: a short spin for train and eval, sleep at once otherwise; the user's setting wins.
if defined OMP_WAIT_POLICY goto :waits_set
if defined GOMP_SPINCOUNT goto :waits_set
set "OMP_WAIT_POLICY=PASSIVE"
if /i "%command%"=="train" (set "OMP_WAIT_POLICY=" & set "GOMP_SPINCOUNT=1000")
if /i "%command%"=="eval" (set "OMP_WAIT_POLICY=" & set "GOMP_SPINCOUNT=1000")
:waits_set

"%java%" -XX:+UseSerialGC -Xms128m -Xmx1g %short% "-Dlenet.home=%lenet_dir%" %LENET_JAVA_OPTS% -jar "%lenet_jar%" %*
exit /b %errorlevel%
