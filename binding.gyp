# The native CPU kernel addon (N-API via node-addon-api). Built by `npm install` (scripts/build-kernel.mjs).
{
  'includes': ['src-main/kernel/gemm/gemm.gypi'],
  'targets': [
    {
      'target_name': 'rnnlab_kernel',
      'dependencies': ['rnnlab_gemm'],
      'sources': [
        'src-main/kernel/src/binding.cpp',
        'src-main/kernel/src/model.cpp',
        'src-main/kernel/src/scan_forward.cpp',
        'src-main/kernel/src/scan_backward.cpp',
        'src-main/kernel/src/head.cpp',
        'src-main/kernel/src/jordan.cpp',
        'src-main/kernel/src/gated.cpp',
        'src-main/kernel/src/network.cpp',
        'src-main/kernel/src/pass.cpp',
        'src-main/kernel/src/thread_pool.cpp',
        'src-main/kernel/src/elementwise.cpp',
      ],
      'conditions': [
        ['target_arch=="x64"', {
          'defines': ['RNNLAB_KERNEL_HAVE_AVX2', 'RNNLAB_KERNEL_HAVE_AVX512'],
          'dependencies': ['rnnlab_kernel_avx2', 'rnnlab_kernel_avx512'],
        }],
      ],
      'include_dirs': ["<!(node -p \"require('node-addon-api').include_dir\")", 'src-main/kernel/gemm', 'src-main/kernel/src'],
      'defines': ['NAPI_VERSION=8', 'NAPI_CPP_EXCEPTIONS'],
      'cflags!': ['-fno-exceptions'],
      'cflags_cc!': ['-fno-exceptions'],
      # -fno-trapping-math lets the branch-free float math of fastmath.h vectorise (we never enable FP traps);
      # neither flag changes IEEE results. No -march: wider SIMD lives in the GEMM's dispatched targets.
      'cflags_cc': ['-O3', '-std=c++17', '-fno-trapping-math', '-fno-math-errno'],
      'xcode_settings': { 'GCC_ENABLE_CPP_EXCEPTIONS': 'YES', 'CLANG_CXX_LANGUAGE_STANDARD': 'c++17', 'OTHER_CPLUSPLUSFLAGS': ['-O3', '-fno-trapping-math', '-fno-math-errno'] },
      'msvs_settings': { 'VCCLCompilerTool': { 'ExceptionHandling': 1, 'Optimization': 2, 'AdditionalOptions': ['/std:c++17'] } },
    },
  ],
  'conditions': [
    ['target_arch=="x64"', {
      'targets': [
        {
          # The float32 elementwise loops built for AVX2/FMA; elementwise.cpp calls them only on CPUs that run AVX2.
          'target_name': 'rnnlab_kernel_avx2',
          'type': 'static_library',
          'sources': ['src-main/kernel/src/elementwise_avx2.cpp'],
          'include_dirs': ['src-main/kernel/gemm', 'src-main/kernel/src'],
          # gcc 12 does not vectorise these loops under node-gyp's default -fno-exceptions; drop it here too.
          # -ffp-contract=fast: the polynomials of fastmath.h become FMAs (float32 only; a rounding, not a behaviour).
          'cflags!': ['-fno-exceptions'],
          'cflags_cc!': ['-fno-exceptions'],
          'cflags_cc': ['-O3', '-std=c++17', '-fPIC', '-fno-trapping-math', '-fno-math-errno', '-ffp-contract=fast', '-mavx2', '-mfma'],
          'xcode_settings': { 'OTHER_CPLUSPLUSFLAGS': ['-O3', '-std=c++17', '-fno-trapping-math', '-mavx2', '-mfma'] },
          'msvs_settings': { 'VCCLCompilerTool': { 'Optimization': 2, 'AdditionalOptions': ['/std:c++17', '/arch:AVX2'] } },
        },
        {
          # The same loops for AVX-512 (elementwise_avx512.cpp) and the fused lstm step (lstm_fused_avx512.cpp), called
          # when the GEMM dispatcher picked AVX-512.
          'target_name': 'rnnlab_kernel_avx512',
          'type': 'static_library',
          'sources': ['src-main/kernel/src/elementwise_avx512.cpp', 'src-main/kernel/src/lstm_fused_avx512.cpp'],
          'include_dirs': ['src-main/kernel/gemm', 'src-main/kernel/src'],
          'cflags!': ['-fno-exceptions'],
          'cflags_cc!': ['-fno-exceptions'],
          'cflags_cc': ['-O3', '-std=c++17', '-fPIC', '-fno-trapping-math', '-fno-math-errno', '-ffp-contract=fast',
                        '-mavx512f', '-mavx512vl', '-mavx512bw', '-mavx512dq', '-mfma', '-mprefer-vector-width=512'],
          'xcode_settings': { 'OTHER_CPLUSPLUSFLAGS': ['-O3', '-std=c++17', '-fno-trapping-math', '-mavx512f', '-mavx512vl', '-mavx512bw', '-mavx512dq', '-mfma', '-mprefer-vector-width=512'] },
          'msvs_settings': { 'VCCLCompilerTool': { 'Optimization': 2, 'AdditionalOptions': ['/std:c++17', '/arch:AVX512'] } },
        },
      ],
    }],
  ],
}
