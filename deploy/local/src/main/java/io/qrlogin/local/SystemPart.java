package io.qrlogin.local;

/** A part of the system, known by its name: started, stopped, maybe started again. */
abstract class SystemPart {

    final String name;

    SystemPart(String name) {
        this.name = name;
    }

    abstract void start();

    abstract void stop() throws Exception;

    abstract boolean isRunning();

    /** Frees what the part keeps across restarts (its data), once the system closes. */
    void cleanUp() {
    }
}
