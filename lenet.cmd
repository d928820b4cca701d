@echo off
rem lenet launcher for Windows, the twin of ./lenet: builds the application when target\lenet.jar is missing or
rem older than pom.xml, .mvn or src\main (with the mvn on the PATH, else the Maven Wrapper, mvnw.cmd), then runs it
rem with the same JVM options and returns its exit code. Not here: ./lenet's build lock and class-data archive.
setlocal
set "home=%~dp0"
set "home=%home:~0,-1%"
set "jar=%home%\target\lenet.jar"

rem The Java that runs lenet: %JAVA_HOME%'s when it is set (Maven builds with it too), else the one on the PATH.
set "java=java"
if not defined JAVA_HOME goto :java_chosen
set "java=%JAVA_HOME%\bin\java.exe"
if exist "%java%" goto :java_chosen
echo lenet: JAVA_HOME=%JAVA_HOME% has no bin\java.exe; point it at a Java 17 or later, or unset it 1>&2
exit /b 2
:java_chosen

if not exist "%jar%" goto :build
rem Stale when a file under pom.xml, .mvn or src\main is newer than the jar (PowerShell, which Windows has).
powershell -NoProfile -NonInteractive -Command "$jar = (Get-Item -LiteralPath $env:jar).LastWriteTimeUtc; $newer = Get-ChildItem -LiteralPath (Join-Path $env:home 'pom.xml'), (Join-Path $env:home '.mvn'), (Join-Path $env:home 'src\main') -Recurse -File | Where-Object { $_.LastWriteTimeUtc -gt $jar } | Select-Object -First 1; if ($newer) { exit 1 }"
if errorlevel 1 goto :build
goto :run

:build
echo lenet: building the application (first run or sources changed)... 1>&2
set "mvn=%home%\mvnw.cmd"
where mvn >nul 2>nul && set "mvn=mvn"
set "log=%TEMP%\lenet-build-%RANDOM%.log"
call "%mvn%" -q -B -DskipTests -f "%home%\pom.xml" package >"%log%" 2>&1
if errorlevel 1 goto :build_failed
del "%log%" >nul 2>nul
rem the jar is the build's time stamp, even when Maven found nothing to repackage
powershell -NoProfile -NonInteractive -Command "(Get-Item -LiteralPath $env:jar).LastWriteTimeUtc = [DateTime]::UtcNow"
goto :run
:build_failed
type "%log%" 1>&2
del "%log%" >nul 2>nul
echo lenet: build failed (output above) 1>&2
exit /b 2

:run
rem JVM settings measured in src/site/markdown/performance.md (./lenet explains each): the serial collector and a
rem 1 GB heap; the client compiler alone for the short commands. LENET_JAVA_OPTS comes later, so its settings win.
set "command="
for %%a in (%*) do if not defined command for %%c in (train eval predict inspect export info serve help generate-completion) do if /i "%%~a"=="%%c" set "command=%%c"
set "short="
for %%c in (predict inspect export info) do if /i "%command%"=="%%c" set "short=-XX:TieredStopAtLevel=1"
rem How idle OpenMP threads wait: a short spin for train and eval, sleep at once otherwise; the user's setting wins.
if defined OMP_WAIT_POLICY goto :waits_set
if defined GOMP_SPINCOUNT goto :waits_set
set "OMP_WAIT_POLICY=PASSIVE"
if /i "%command%"=="train" (set "OMP_WAIT_POLICY=" & set "GOMP_SPINCOUNT=1000")
if /i "%command%"=="eval" (set "OMP_WAIT_POLICY=" & set "GOMP_SPINCOUNT=1000")
:waits_set

"%java%" -XX:+UseSerialGC -Xms128m -Xmx1g %short% "-Dlenet.home=%home%" %LENET_JAVA_OPTS% -jar "%jar%" %*
exit /b %errorlevel%
