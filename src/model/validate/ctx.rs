//! The per-file context of validation: the file, where its front matter and body start, and
//! the diagnostics being gathered.

use toml::Spanned;

use crate::content::SourceFile;
use crate::diag::{Diagnostic, Diagnostics};

/// One content file under validation.
pub(crate) struct Ctx<'a> {
    pub file: &'a SourceFile,
    /// Byte offset of the front matter in the file.
    pub fm: usize,
    /// Byte offset of the body in the file.
    pub body: usize,
    pub diags: &'a mut Diagnostics,
}

impl Ctx<'_> {
    /// An error at a front-matter value.
    pub(crate) fn at<T>(&mut self, v: &Spanned<T>, message: impl Into<String>) -> &mut Diagnostic {
        self.push(self.fm + v.span().start, message)
    }

    /// An error at a byte offset of the body.
    pub(crate) fn in_body(&mut self, offset: usize, message: impl Into<String>) -> &mut Diagnostic {
        self.push(self.body + offset, message)
    }

    /// A warning at a byte offset of the body.
    pub(crate) fn warn_in_body(
        &mut self,
        offset: usize,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        let at = self.file.line_col(self.body + offset);
        self.diags
            .push(Diagnostic::warning_at(&self.file.path, at, message));
        self.diags.0.last_mut().expect("just pushed")
    }

    /// An error at a byte offset of the file.
    pub(crate) fn push(&mut self, offset: usize, message: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(self.file.error_at(offset, message));
        self.diags.0.last_mut().expect("just pushed")
    }
}
