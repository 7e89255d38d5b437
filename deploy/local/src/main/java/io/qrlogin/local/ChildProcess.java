package io.qrlogin.local;

/** A part that is one child process, stopped with SIGTERM, then killed if it does not end in time. */
abstract class ChildProcess extends SystemPart {

    private volatile Process process;

    ChildProcess(String name) {
        super(name);
    }

    /** Starts the process. */
    abstract Process launch();

    @Override
    void start() {
        if (isRunning()) {
            throw new IllegalStateException(this.name + " is running already");
        }
        this.process = launch();
    }

    @Override
    void stop() throws InterruptedException {
        Process current = this.process;
        if (current == null) {
            return;
        }
        Processes.terminate(this.name, current, stopSeconds());
    }

    /** How long a stop may take before the process is killed. */
    long stopSeconds() {
        return Processes.STOP_SECONDS;
    }

    @Override
    boolean isRunning() {
        Process current = this.process;
        return current != null && current.isAlive();
    }

    Process process() {
        return this.process;
    }
}
