//! A fieldless enum and its string ids in, the enum with `ALL`, `as_str` and `parse` out: the
//! one place where an id used in content, URLs, CSS and data is tied to its variant.

/// Declares a fieldless enum whose variants have fixed ids (`Variant = "id"`), with `ALL` (every
/// value in declaration order), `as_str` (the id) and `parse` (the value with an id).
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $id:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            $vis const ALL: [$name; [$($id),+].len()] = [$($name::$variant),+];

            /// The id used in content, URLs, CSS and data.
            $vis fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $id ),+
                }
            }

            /// The value whose id is `s`.
            $vis fn parse(s: &str) -> Option<$name> {
                Self::ALL.into_iter().find(|v| v.as_str() == s)
            }
        }
    };
}

pub(crate) use named_enum;

#[cfg(test)]
mod tests {
    named_enum! {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        enum Colour {
            Red = "red",
            /// A doc comment on a variant is kept.
            DarkBlue = "dark-blue",
        }
    }

    #[test]
    fn ids_round_trip_in_declaration_order() {
        assert_eq!(Colour::ALL, [Colour::Red, Colour::DarkBlue]);
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.as_str()), Some(c));
        }
        assert_eq!(Colour::DarkBlue.as_str(), "dark-blue");
        assert_eq!(Colour::parse("Red"), None);
    }
}
