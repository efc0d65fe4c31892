//! The terminal, when there is one: a progress spinner on stderr while a long command runs,
//! and the colours of `diff`.
//!
//! Whether the streams are terminals is decided once, in `main` ([`Terminal::detect`]); the
//! library entry [`crate::run`] assumes none, so output captured by a test or a pipe never
//! holds an escape code. Colour also obeys `NO_COLOR` (<https://no-color.org>).

use anstyle::{AnsiColor, Style};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, IsTerminal, Write};
use std::time::Duration;

/// What the output streams can show.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terminal {
    /// stdout is a terminal and `NO_COLOR` is not set: `diff` is coloured.
    pub color: bool,
    /// stderr is a terminal: long commands show a spinner there.
    pub progress: bool,
}

impl Terminal {
    /// The process's own streams and environment.
    pub fn detect() -> Terminal {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Terminal {
            color: io::stdout().is_terminal() && !no_color,
            progress: io::stderr().is_terminal(),
        }
    }
}

/// The styles of `diff`'s text output; plain when colour is off.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    /// A step's heading.
    pub heading: Style,
    /// The notes of a step (hazards, what a down file cannot restore).
    pub note: Style,
}

impl Palette {
    pub fn new(color: bool) -> Palette {
        if !color {
            return Palette {
                heading: Style::new(),
                note: Style::new(),
            };
        }
        Palette {
            heading: Style::new().bold().fg_color(Some(AnsiColor::Cyan.into())),
            note: Style::new().fg_color(Some(AnsiColor::Yellow.into())),
        }
    }
}

/// A spinner on stderr with a message and the time elapsed, cleared when dropped; nothing
/// when off.
pub struct Spinner(Option<ProgressBar>);

impl Spinner {
    /// Starts spinning when `on`.
    pub fn start(on: bool, message: &str) -> Spinner {
        if !on {
            return Spinner(None);
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} ({elapsed})") {
            bar.set_style(style);
        }
        bar.set_message(message.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        Spinner(Some(bar))
    }

    /// `inner`, printing whole lines with the spinner out of the way.
    pub fn lines<'a>(&'a self, inner: &'a mut dyn Write) -> Lines<'a> {
        Lines {
            inner,
            spinner: self,
            partial: Vec::new(),
        }
    }

    fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(bar) => bar.suspend(f),
            None => f(),
        }
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

/// A stream shared with the spinner: complete lines are written while the spinner is
/// hidden, so that a line is never drawn over; the rest waits for its newline (or the end).
pub struct Lines<'a> {
    inner: &'a mut dyn Write,
    spinner: &'a Spinner,
    partial: Vec<u8>,
}

impl Write for Lines<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.spinner.0.is_none() {
            return self.inner.write(buf);
        }
        self.partial.extend_from_slice(buf);
        if let Some(end) = self.partial.iter().rposition(|&b| b == b'\n') {
            let whole: Vec<u8> = self.partial.drain(..=end).collect();
            let inner = &mut self.inner;
            self.spinner.suspend(|| inner.write_all(&whole))?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if !self.partial.is_empty() {
            let rest = std::mem::take(&mut self.partial);
            let inner = &mut self.inner;
            self.spinner.suspend(|| inner.write_all(&rest))?;
        }
        self.inner.flush()
    }
}

impl Drop for Lines<'_> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_palette_writes_no_escape_codes() {
        let p = Palette::new(false);
        let text = format!("{}h{:#} {}n{:#}", p.heading, p.heading, p.note, p.note);
        assert_eq!(text, "h n");
        let p = Palette::new(true);
        let text = format!("{}h{:#}", p.heading, p.heading);
        assert!(
            text.starts_with("\x1b[") && text.ends_with("\x1b[0m"),
            "{text:?}"
        );
    }

    #[test]
    fn lines_reach_the_stream_whole_and_in_order() {
        let spinner = Spinner::start(true, "testing");
        let mut out = Vec::new();
        {
            let mut lines = spinner.lines(&mut out);
            write!(lines, "one ").unwrap();
            writeln!(lines, "line").unwrap();
            write!(lines, "no newline").unwrap();
        }
        drop(spinner);
        assert_eq!(String::from_utf8(out).unwrap(), "one line\nno newline");
    }
}
